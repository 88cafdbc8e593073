"""The admin's money screens: the price list, teacher rates and the studio payroll."""
