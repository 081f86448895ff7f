"""`make screenshots`: the module saves real pictures of the screens, light and dark."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QColor, QImage

from tests.ui.conftest import Clinic, sign_directly, start
from workbench.security.roles import Actor
from workbench.services.users import UserInfo
from workbench.ui.screenshots import SIZE, Cast, take_screenshots


def user(actor: Actor) -> UserInfo:
    assert actor.user_id is not None
    return UserInfo(actor.user_id, actor.username, actor.display_name, actor.role, True)


def mean_lightness(image: QImage) -> float:
    step = 16
    values = [
        QColor(image.pixel(x, y)).lightnessF()
        for x in range(0, image.width(), step)
        for y in range(0, image.height(), step)
    ]
    return sum(values) / len(values)


def test_screenshots_of_the_auditor_in_both_themes(clinic: Clinic, tmp_path: Path) -> None:
    encounter = start(clinic, clinic.patients[0])
    assert encounter.note_id is not None
    sign_directly(clinic.db, encounter.note_id)
    cast = Cast(user(clinic.physician), user(clinic.coder), user(clinic.auditor))
    saved = take_screenshots(clinic.db, cast, tmp_path, ["login", "auditor"])
    assert sorted(p.name for p in saved) == [
        "auditor-dark.png",
        "auditor-light.png",
        "login-dark.png",
        "login-light.png",
    ]
    light, dark = QImage(str(tmp_path / "auditor-light.png")), QImage(str(tmp_path / "auditor-dark.png"))
    assert (light.width(), light.height()) == (SIZE.width(), SIZE.height()) == (dark.width(), dark.height())
    # Real content, and the dark theme really is dark.
    colours = {light.pixel(x, y) for x in range(0, light.width(), 3) for y in range(0, light.height(), 3)}
    assert len(colours) > 20
    assert mean_lightness(light) > 0.7 > 0.3 > mean_lightness(dark)
    assert not QImage(str(tmp_path / "login-light.png")).isNull()
