"""The pages that gather from every app: the child's record, its chronology and export, search
and My work. Each domain app contributes through `sightline.plugins`; this app imports none of
them."""
