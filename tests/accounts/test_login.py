import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import PASSWORD, FocalPointFactory

pytestmark = pytest.mark.django_db


def test_login_with_email_and_password(client):
    user = FocalPointFactory()
    response = client.post(
        reverse("accounts:login"), {"username": user.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(user.pk)


def test_wrong_password_is_refused_with_a_message(client):
    user = FocalPointFactory()
    response = client.post(reverse("accounts:login"), {"username": user.email, "password": "no"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "correct email address and password" in response.content.decode()


def test_login_is_locked_after_five_failures_even_with_the_right_password(client, settings):
    settings.AXES_ENABLED = True
    user = FocalPointFactory()
    url = reverse("accounts:login")
    for _ in range(5):
        client.post(url, {"username": user.email, "password": "wrong"})
    response = client.post(url, {"username": user.email, "password": PASSWORD})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert "Too many failed log-in attempts" in response.content.decode()


def test_password_reset_sends_a_link_that_sets_a_new_password(client):
    user = FocalPointFactory()
    client.post(reverse("accounts:password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    link = next(line for line in mail.outbox[0].body.splitlines() if "/reset/" in line)
    path = link.split("testserver", 1)[1]
    response = client.get(path, follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url, {"new_password1": "a-brand-new-secret-9", "new_password2": "a-brand-new-secret-9"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a-brand-new-secret-9")


def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(client):
    response = client.post(reverse("accounts:password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_profile_needs_login_and_shows_the_role(client):
    assert client.get(reverse("accounts:profile")).status_code == 302
    user = FocalPointFactory()
    client.force_login(user)
    body = client.get(reverse("accounts:profile")).content.decode()
    assert "Member State focal point" in body
    assert "Mexico" in body
