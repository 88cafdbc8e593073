"""Make-up credits: what an excused absence gives back under the studio's policy."""
