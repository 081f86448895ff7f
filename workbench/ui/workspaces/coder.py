"""The coder's workspace: the worklist of notes waiting for codes, and every signed note."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout, QWidget

from workbench.security.roles import Actor
from workbench.store.database import Database
from workbench.ui.coding_review import CodingReviewScreen
from workbench.ui.coding_worklist import CodingWorklist
from workbench.ui.workspaces.signed_notes import SignedNotesWorkspace


class CoderWorkspace(SignedNotesWorkspace):
    def __init__(self, db: Database, actor: Actor, parent: QWidget | None = None) -> None:
        super().__init__(db, actor, parent)
        self.setObjectName("coderWorkspace")
        self.reviews: dict[int, CodingReviewScreen] = {}
        self.worklist = CodingWorklist(db, actor)
        self.worklist.open_requested.connect(self.open_review)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(0, self.worklist, 2)
        self.retranslate()

    def title(self) -> str:
        return self.tr("Coder")

    def refresh(self) -> None:
        super().refresh()
        self.worklist.refresh()

    def busy(self) -> bool:
        return super().busy() or self.worklist.busy()

    def open_review(self, note_id: int) -> CodingReviewScreen:
        """The note's coding review in its own window (the same window if it is open)."""
        screen = self.reviews.get(note_id)
        if screen is None:
            screen = CodingReviewScreen(self.db, self.actor, note_id, self)
            self.reviews[note_id] = screen
            screen.finalised.connect(lambda _info: self.worklist.refresh())
            screen.loaded.connect(lambda _review, s=screen: self._show_progress(s))
            screen.decided.connect(lambda _decision, s=screen: self._show_progress(s))
            screen.destroyed.connect(lambda _obj=None, key=note_id: self.reviews.pop(key, None))
        screen.show()
        screen.raise_()
        screen.activateWindow()
        return screen

    def _show_progress(self, screen: CodingReviewScreen) -> None:
        review = screen.review
        if review is not None:
            decided = len(review.suggestions) - review.undecided
            self.worklist.model.show_progress(review.note_id, decided, len(review.suggestions))

    def open_windows(self) -> list[QWidget]:
        return [*super().open_windows(), *self.reviews.values()]

    def retranslate(self) -> None:
        super().retranslate()
        self.note_list.set_texts(
            self.tr("All &signed notes (read-only):"),
            self.tr("Signed notes"),
            self.tr(
                "The worklist is empty: no signed notes are waiting. Notes appear here as soon as a "
                "physician signs them; press F5 to refresh."
            ),
        )
