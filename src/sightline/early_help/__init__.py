"""Early help assessments and plans, and stepping up to and down from children's social care."""
