"""User errors."""

from studio_kit.errors import BadRequest, Conflict, Forbidden, NotFound


class UserNotFound(NotFound):
    code = "user_not_found"
    title = "User not found"


class EmailTaken(Conflict):
    code = "email_taken"
    title = "This email is already registered"


class UserIdTaken(Conflict):
    code = "user_id_taken"
    title = "A different user already has this id"


class CannotChangeOwnAccount(Conflict):
    code = "cannot_change_own_account"
    title = "Admins cannot demote or deactivate themselves"


class AccountDisabled(Forbidden):
    code = "account_disabled"
    title = "This account is disabled"


class InvitationAlreadyAccepted(Conflict):
    code = "invitation_already_accepted"
    title = "This person has already set a password"


class InviteeInactive(Conflict):
    code = "invitee_inactive"
    title = "Reactivate the account before inviting again"


class CurrentPasswordWrong(BadRequest):
    code = "current_password_wrong"
    title = "The current password is not right"


class PasswordUnchanged(BadRequest):
    code = "password_unchanged"
    title = "The new password is the same as the current one"
