"""Render the application icons from the SVG sources in resources/icons/.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/render_icons.py

Writes workbench-<size>.png and workbench-light-<size>.png (16…256 px) beside the SVGs, plus
workbench.ico (Windows) and workbench.icns (macOS) for the PyInstaller spec. Both container
formats are written here with PNG entries, so no image library beyond Qt is needed. The outputs
are committed; run this again only after editing an SVG.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage, QImageWriter, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parents[1] / "resources" / "icons"
SIZES = (16, 32, 48, 64, 128, 256)
VARIANTS = ("workbench", "workbench-light")
ICO_SIZES = (16, 32, 48, 64, 128, 256)
# ICNS entry types holding PNG data, by pixel size (retina types reuse the larger renders).
ICNS_TYPES = ((b"icp4", 16), (b"icp5", 32), (b"icp6", 64), (b"ic07", 128), (b"ic08", 256), (b"ic09", 512))


def render(svg: Path, size: int) -> bytes:
    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"{svg} is not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, size, size))
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, QByteArray(b"png"))
    if not writer.write(image):
        raise SystemExit(f"cannot encode {svg} at {size} px as PNG: {writer.errorString()}")
    return bytes(data.data())


def ico(pngs: dict[int, bytes]) -> bytes:
    """A Windows .ico whose entries are PNG images (supported since Windows Vista)."""
    header = struct.pack("<HHH", 0, 1, len(pngs))
    directory, payload = b"", b""
    offset = 6 + 16 * len(pngs)
    for size, png in sorted(pngs.items()):
        side = 0 if size >= 256 else size  # 0 means 256 in the directory
        directory += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(png), offset + len(payload))
        payload += png
    return header + directory + payload


def icns(pngs: dict[int, bytes]) -> bytes:
    """A macOS .icns with PNG entries."""
    body = b"".join(kind + struct.pack(">I", 8 + len(pngs[size])) + pngs[size] for kind, size in ICNS_TYPES)
    return b"icns" + struct.pack(">I", 8 + len(body)) + body


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    for variant in VARIANTS:
        svg = ICONS / f"{variant}.svg"
        for size in SIZES:
            (ICONS / f"{variant}-{size}.png").write_bytes(render(svg, size))
    svg = ICONS / "workbench.svg"
    pngs = {size: render(svg, size) for size in {*ICO_SIZES, *(s for _, s in ICNS_TYPES)}}
    (ICONS / "workbench.ico").write_bytes(ico({s: pngs[s] for s in ICO_SIZES}))
    (ICONS / "workbench.icns").write_bytes(icns(pngs))
    print(f"Rendered {len(VARIANTS) * len(SIZES)} PNGs, workbench.ico and workbench.icns in {ICONS}")
    del app
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
