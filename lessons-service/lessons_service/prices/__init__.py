"""The studio's price list: what an individual or trial lesson costs, by duration, from a date on."""
