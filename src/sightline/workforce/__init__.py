"""The workforce's view of the work: caseloads, team oversight and (later) supervision."""
