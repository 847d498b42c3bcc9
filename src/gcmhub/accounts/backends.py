"""The secretariat curates everything: it may view, add and change every model in the admin.

Only model-level permissions are granted here (``obj is None``, which is how the admin asks);
object-level decisions stay with each app's rules, and nothing grants ``delete_``: submitted
content is withdrawn or archived, never deleted."""

GRANTED_PREFIXES = ("view_", "add_", "change_")


class SecretariatAdminBackend:
    def authenticate(self, request, **credentials):
        return None

    def _is_secretariat(self, user):
        return bool(getattr(user, "is_secretariat", False)) and user.is_staff

    def has_perm(self, user, perm, obj=None):
        if obj is not None or not self._is_secretariat(user):
            return False
        codename = perm.partition(".")[2]
        return codename.startswith(GRANTED_PREFIXES)

    def has_module_perms(self, user, app_label):
        return self._is_secretariat(user)
