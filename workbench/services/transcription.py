"""Transcription as the installation and its people have set it up: which engine, which model,
whose vocabulary — and the rule that audio leaves this machine only when an administrator has
switched cloud engines on and acknowledged that the audio is protected health information.

Site settings live in ``settings.json`` (``Settings.extra["transcription"]``); a person's choices
live in ``users.preferences["transcription"]``. API keys live only in the OS keyring (``keyring``):
never in a settings file, the database, a log or an audit record.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from workbench import RESOURCES, config
from workbench.asr.engine import Task, Transcriber
from workbench.asr.live import Deliver, LiveTranscriber
from workbench.asr.transcript import Transcript
from workbench.asr.vocabulary import PostCorrector, Vocabulary, shipped_lexicon
from workbench.errors import WorkbenchError
from workbench.security.audit import record_event
from workbench.security.roles import Actor, Permission
from workbench.services.errors import InvalidInput
from workbench.services.preferences import read_preference, write_preference
from workbench.store.database import Database

SETTINGS_KEY = "transcription"
PREFERENCE_KEY = "transcription"
KEYRING_SERVICE = "coder-workbench"
LOCAL = "local"
CLOUD_ENGINES = ("openai", "aws")
ENGINES = (LOCAL, *CLOUD_ENGINES)
LANGUAGES = ("en", "es", "auto")
# Keyring entries per engine; the values are never read back into settings or logs.
SECRET_NAMES = {"openai": ("api_key",), "aws": ("access_key_id", "secret_access_key")}


class CloudNotAllowed(WorkbenchError):
    """A cloud engine was asked for while the installation keeps audio on this machine."""


class SecretUnavailable(WorkbenchError):
    """The OS keyring has no key for the engine, or there is no keyring at all."""


@dataclass(frozen=True)
class SiteTranscription:
    """The installation's transcription settings (no secrets: those are in the keyring)."""

    engine: str = LOCAL
    model: str = "base"
    model_sha256: str | None = None
    cloud_enabled: bool = False
    cloud_acknowledged_by: str | None = None
    cloud_acknowledged_at: str | None = None
    openai_base_url: str = "https://api.openai.com/v1"
    openai_model: str = "whisper-1"
    aws_region: str = "us-east-1"
    aws_bucket: str = ""
    aws_specialty: str = "PRIMARYCARE"
    vocabulary: tuple[str, ...] = ()
    post_correction: bool = True

    @classmethod
    def from_dict(cls, raw: Any) -> SiteTranscription:
        if not isinstance(raw, dict):
            return cls()
        known = {name for name in cls.__dataclass_fields__}
        values = {k: v for k, v in raw.items() if k in known}
        if "vocabulary" in values:
            values["vocabulary"] = tuple(str(t) for t in values["vocabulary"] or ())
        try:
            site = cls(**values)
        except TypeError:
            return cls()
        if site.engine not in ENGINES:
            site = replace(site, engine=LOCAL)
        # A hand-edited file cannot switch the cloud on: the acknowledgement must be there too.
        if site.cloud_enabled and not (site.cloud_acknowledged_by and site.cloud_acknowledged_at):
            site = replace(site, cloud_enabled=False)
        return site

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["vocabulary"] = list(self.vocabulary)
        return data


@dataclass(frozen=True)
class PersonalTranscription:
    """One person's choices; ``engine`` None means the site's engine."""

    engine: str | None = None
    language: str = "en"
    translate: bool = False
    vocabulary: tuple[str, ...] = field(default=())
    # For the local engine: 'base', 'tiny.en' or a CTranslate2 folder; None means the site's model.
    model: str | None = None

    @classmethod
    def from_dict(cls, raw: Any) -> PersonalTranscription:
        if not isinstance(raw, dict):
            return cls()
        engine = raw.get("engine") if raw.get("engine") in ENGINES else None
        language = raw.get("language") if raw.get("language") in LANGUAGES else "en"
        vocabulary = tuple(str(t) for t in raw.get("vocabulary") or () if str(t).strip())
        model = str(raw["model"]) if isinstance(raw.get("model"), str) and raw["model"].strip() else None
        return cls(engine, str(language), bool(raw.get("translate", False)), vocabulary, model)

    def to_dict(self) -> dict[str, Any]:
        return {
            "engine": self.engine,
            "language": self.language,
            "translate": self.translate,
            "vocabulary": list(self.vocabulary),
            "model": self.model,
        }


def site_settings(settings: config.Settings | None = None) -> SiteTranscription:
    settings = settings or config.load_settings()
    return SiteTranscription.from_dict(settings.extra.get(SETTINGS_KEY))


def _save_site(db: Database, actor: Actor, new: SiteTranscription, action: str) -> SiteTranscription:
    settings = config.load_settings()
    before = site_settings(settings)
    with db.session() as session:
        # Audited in the database even though the settings live in a file: who changed where
        # audio may go is exactly what an auditor asks.
        record_event(
            session, actor, action, "settings", SETTINGS_KEY, before=before.to_dict(), after=new.to_dict()
        )
        config.save_settings(replace(settings, extra={**settings.extra, SETTINGS_KEY: new.to_dict()}))
    return new


def update_site_settings(db: Database, actor: Actor, **changes: Any) -> SiteTranscription:
    """Change the site's engine, model, endpoints or vocabulary (administrators only).

    The cloud switch is not changed here: see :func:`enable_cloud` and :func:`disable_cloud`.
    """
    actor.require(Permission.ADMINISTER)
    forbidden = {"cloud_enabled", "cloud_acknowledged_by", "cloud_acknowledged_at"} & changes.keys()
    if forbidden:
        raise InvalidInput("Cloud transcription is switched on and off with its own, acknowledged action.")
    unknown = changes.keys() - SiteTranscription.__dataclass_fields__.keys()
    if unknown:
        raise InvalidInput(f"Unknown transcription setting: {', '.join(sorted(unknown))}.")
    if "engine" in changes and changes["engine"] not in ENGINES:
        raise InvalidInput(f"The engine must be one of: {', '.join(ENGINES)}.")
    if "vocabulary" in changes:
        changes["vocabulary"] = Vocabulary.merged(changes["vocabulary"]).terms
    if "openai_base_url" in changes:
        from workbench.asr.errors import TranscriptionError
        from workbench.asr.openai_http import endpoint_base

        try:
            endpoint_base(str(changes["openai_base_url"]))  # https, or plain http on this machine only
        except TranscriptionError as exc:
            raise InvalidInput(str(exc)) from None
    current = site_settings()
    new = replace(current, **changes)
    if new.engine in CLOUD_ENGINES and not new.cloud_enabled:
        raise CloudNotAllowed(_CLOUD_OFF)
    return _save_site(db, actor, new, "transcription.settings_changed")


_CLOUD_OFF = (
    "Cloud transcription is off for this installation: audio stays on this machine. An "
    "administrator can switch it on in the transcription settings after acknowledging that "
    "dictation audio (protected health information) will be sent to the provider."
)


def enable_cloud(db: Database, actor: Actor, *, acknowledge_phi_leaves_machine: bool) -> SiteTranscription:
    actor.require(Permission.ADMINISTER)
    if not acknowledge_phi_leaves_machine:
        raise InvalidInput(
            "Cloud transcription sends dictation audio — protected health information — to the "
            "provider. Confirm that your organisation has an agreement with it (e.g. a BAA) and "
            "acknowledge this to switch it on."
        )
    new = replace(
        site_settings(),
        cloud_enabled=True,
        cloud_acknowledged_by=actor.username,
        cloud_acknowledged_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    )
    return _save_site(db, actor, new, "transcription.cloud_enabled")


def disable_cloud(db: Database, actor: Actor) -> SiteTranscription:
    actor.require(Permission.ADMINISTER)
    current = site_settings()
    engine = LOCAL if current.engine in CLOUD_ENGINES else current.engine
    new = replace(
        current, engine=engine, cloud_enabled=False, cloud_acknowledged_by=None, cloud_acknowledged_at=None
    )
    return _save_site(db, actor, new, "transcription.cloud_disabled")


def _keyring() -> Any:
    import keyring

    return keyring


def set_secret(db: Database, actor: Actor, engine: str, name: str, value: str) -> None:
    """Store an engine's key in the OS keyring; the audit records that it changed, not the value."""
    actor.require(Permission.ADMINISTER)
    if name not in SECRET_NAMES.get(engine, ()):
        raise InvalidInput(f"{engine} has no secret called {name!r}.")
    if not value.strip():
        raise InvalidInput("The key is empty.")
    from keyring.errors import KeyringError

    try:
        _keyring().set_password(KEYRING_SERVICE, f"{engine}:{name}", value.strip())
    except KeyringError as exc:
        raise SecretUnavailable(
            f"The system keyring refused to store the key ({type(exc).__name__}). Unlock or install a "
            "keyring (GNOME Keyring, KWallet, macOS Keychain, Windows Credential Locker)."
        ) from None
    with db.session() as session:
        record_event(
            session,
            actor,
            "transcription.secret_set",
            "settings",
            SETTINGS_KEY,
            detail={"engine": engine, "name": name},
        )


def _secret(engine: str, name: str) -> str | None:
    from keyring.errors import KeyringError

    try:
        value = _keyring().get_password(KEYRING_SERVICE, f"{engine}:{name}")
    except KeyringError as exc:
        raise SecretUnavailable(
            f"The system keyring could not be read ({type(exc).__name__}); unlock it and try again."
        ) from None
    return str(value) if value else None


def has_secret(engine: str, name: str) -> bool:
    return _secret(engine, name) is not None


def personal_settings(db: Database, actor: Actor) -> PersonalTranscription:
    return PersonalTranscription.from_dict(read_preference(db, actor, PREFERENCE_KEY))


def save_personal_settings(
    db: Database, actor: Actor, personal: PersonalTranscription
) -> PersonalTranscription:
    actor.require(Permission.DICTATE)
    if personal.engine in CLOUD_ENGINES and not site_settings().cloud_enabled:
        raise CloudNotAllowed(_CLOUD_OFF)
    if personal.language not in LANGUAGES:
        raise InvalidInput(f"The dictation language must be one of: {', '.join(LANGUAGES)}.")
    if personal.model is not None:
        from workbench.asr.local import resolve_model

        resolve_model(personal.model)  # a folder that is not a Whisper model is refused now, with why
    personal = replace(personal, vocabulary=Vocabulary.merged(personal.vocabulary).terms)
    write_preference(db, actor, PREFERENCE_KEY, personal.to_dict(), "transcription.preferences_changed")
    return personal


DEFAULT_VOCABULARY_FILE = RESOURCES / "default_vocabulary.txt"


@functools.cache
def default_site_vocabulary() -> tuple[str, ...]:
    """Shipped common drug names and conditions, used until the site sets its own list."""
    try:
        lines = DEFAULT_VOCABULARY_FILE.read_text(encoding="utf-8").splitlines()
    except OSError:
        return ()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def vocabulary(site: SiteTranscription, personal: PersonalTranscription | None = None) -> Vocabulary:
    """The person's terms first (they know their own colleagues' names), then the site's."""
    return Vocabulary.merged(
        personal.vocabulary if personal else (), site.vocabulary or default_site_vocabulary()
    )


def build_engine(site: SiteTranscription, engine: str | None = None, model: str | None = None) -> Transcriber:
    """The engine to use; cloud engines only when the site allows them, with keys from the keyring."""
    name = engine or site.engine
    if name not in ENGINES:
        raise InvalidInput(f"There is no transcription engine {name!r}; choose one of: {', '.join(ENGINES)}.")
    if name == LOCAL:
        from workbench.asr.local import LocalWhisper

        return LocalWhisper(model=model or site.model, sha256=None if model else site.model_sha256)
    if not site.cloud_enabled:
        raise CloudNotAllowed(_CLOUD_OFF)
    if name == "openai":
        import urllib.parse

        from workbench.asr.openai_http import OpenAICompatible, is_loopback

        key = _secret("openai", "api_key")
        if key is None and not is_loopback(urllib.parse.urlsplit(site.openai_base_url).hostname):
            raise SecretUnavailable(
                "No API key is stored for the OpenAI-compatible engine; an administrator enters it in "
                "the transcription settings (it is kept in the system keyring)."
            )
        return OpenAICompatible(base_url=site.openai_base_url, api_key=key, model=model or site.openai_model)
    from workbench.asr.aws import AwsTranscribe

    return AwsTranscribe(
        bucket=site.aws_bucket,
        region=site.aws_region,
        specialty=site.aws_specialty,
        # None lets boto3 use the machine's own AWS configuration (an instance role, a profile).
        access_key_id=_secret("aws", "access_key_id"),
        secret_access_key=_secret("aws", "secret_access_key"),
    )


def engine_notice(engine: Transcriber, language: str | None, translate: bool) -> str | None:
    """What the interface should say about quality, before the physician relies on the text."""
    model = str(getattr(engine, "model_name", "") or getattr(engine, "model", ""))
    if engine.name == LOCAL and (language in ("es", "auto", None) or translate):
        if model == "tiny.en":
            return "The tiny.en model understands English only; choose base or a cloud engine for Spanish."
        if model == "base":
            return (
                "The local base model transcribes and translates Spanish poorly: check the English "
                "text against the Spanish transcript shown beside it."
            )
    return None


@dataclass
class TranscriptionJob:
    """One configured way to transcribe: engine, language, task, prompt and post-correction."""

    engine: Transcriber
    language: str | None = "en"
    task: Task = "transcribe"
    vocabulary: Vocabulary = field(default_factory=Vocabulary)
    corrector: PostCorrector | None = None

    @property
    def initial_prompt(self) -> str | None:
        return self.vocabulary.initial_prompt()

    @property
    def notice(self) -> str | None:
        return engine_notice(self.engine, self.language, self.task == "translate")

    def transcribe(self, audio: Any, **options: Any) -> Transcript:
        transcript = self.engine.transcribe(
            audio, language=self.language, task=self.task, initial_prompt=self.initial_prompt, **options
        )
        return self.corrector.correct(transcript) if self.corrector else transcript

    def live(self, deliver: Deliver, workers: int = 1) -> LiveTranscriber:
        return LiveTranscriber(
            self.engine,
            deliver,
            language=self.language,
            task=self.task,
            initial_prompt=self.initial_prompt,
            corrector=self.corrector,
            workers=workers,
        )


def job(
    site: SiteTranscription,
    personal: PersonalTranscription | None = None,
    *,
    engine: str | None = None,
    model: str | None = None,
    language: str | None = None,
    translate: bool | None = None,
    extra_vocabulary: Iterable[str] = (),
) -> TranscriptionJob:
    """Everything the dictation panel or the CLI needs to transcribe as this person would."""
    personal = personal or PersonalTranscription()
    chosen_language = language or personal.language
    wants_translation = personal.translate if translate is None else translate
    words = Vocabulary.merged(extra_vocabulary, vocabulary(site, personal).terms)
    chosen_engine = engine or personal.engine or site.engine
    if model is None and chosen_engine == LOCAL:
        model = personal.model  # a person's own local model (say, a larger one on their desk)
    return TranscriptionJob(
        engine=build_engine(site, chosen_engine, model),
        language=None if chosen_language == "auto" else chosen_language,
        task="translate" if wants_translation else "transcribe",
        vocabulary=words,
        corrector=PostCorrector(shipped_lexicon(), words) if site.post_correction else None,
    )
