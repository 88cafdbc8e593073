"""Errors of trial holds."""

from studio_kit.errors import Conflict


class NotATrialHold(Conflict):
    code = "not_a_trial_hold"
    title = "That calendar event is not a trial hold"
