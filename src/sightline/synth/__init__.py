"""The synthetic county: demo data and, later, the calibrated generator."""
