"""Make-up credits: the studio's policy and paying a booked lesson with a credit."""
