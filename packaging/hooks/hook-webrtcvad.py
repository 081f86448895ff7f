"""webrtcvad comes from the webrtcvad-wheels distribution: its version lookup needs that metadata.

(The stock hook in pyinstaller-hooks-contrib copies the metadata of "webrtcvad", which is not
installed, and stops the build.)
"""

from PyInstaller.utils.hooks import copy_metadata

datas = copy_metadata("webrtcvad-wheels")
