"""The templates a message is written from: the ready ones, and the user's own in their
config folder (``templates/NAME.txt``), which add to them or, by the same name, override them;
filled in a sandbox, where a field that is missing, empty or misspelt is a clear message."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from storage.errors import SendoffError
from storage.messages.fields import FIELDS
from storage.messages.ready import READY
from storage.rules.steps import Step

READY_SOURCE = "ready"


class TemplateProblem(SendoffError):
    """A template that cannot be filled: its name and what is wrong, for the place it was asked."""


@dataclass(frozen=True)
class Template:
    """A message template: its name, where it comes from (``ready`` or its file), the step it
    fits (None for a user's own), and its text."""

    name: str
    source: str
    step: Step | None
    text: str


@dataclass(frozen=True)
class Message:
    subject: str
    body: str

    @property
    def text(self) -> str:
        """The message as one text: a ``Subject:`` line (when it has one), a blank line, the
        body; what a file holds and what the contact log keeps."""
        return (f"Subject: {self.subject}\n\n" if self.subject else "") + self.body


def templates_folder() -> Path:
    """Where the user's own templates live (nothing is created)."""
    from platformdirs import user_config_path

    return user_config_path("sendoff", appauthor=False) / "templates"


def ready_templates() -> dict[str, Template]:
    """The templates Sendoff comes with, by name."""
    return {name: Template(name, READY_SOURCE, step, text) for name, (step, text) in READY.items()}


def templates(folder: Path | None = None) -> dict[str, Template]:
    """Every template by name, the user's (in ``folder``) over the ready ones of that name."""
    found = ready_templates()
    folder = templates_folder() if folder is None else folder
    for path in sorted(folder.glob("*.txt")) if folder.is_dir() else []:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise TemplateProblem(f"The template {path} cannot be read: {error}") from None
        ready = found.get(path.stem)
        found[path.stem] = Template(path.stem, str(path), ready.step if ready else None, text)
    return found


def fitting(found: dict[str, Template], step: Step | None) -> list[Template]:
    """The templates of ``found``, those that fit ``step`` first, each group in its order."""
    return sorted(found.values(), key=lambda template: step is None or template.step != step)


def render(template: Template, fields: dict[str, Any]) -> Message:
    """``template`` filled with ``fields`` (see `storage.messages.fields`); raises
    TemplateProblem naming the field (or the line) when it cannot be filled."""
    from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
    from jinja2.exceptions import SecurityError
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    environment = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False,
                                                keep_trailing_newline=True)
    where = f"the template {template.name!r} ({template.source})"
    try:
        text = environment.from_string(template.text).render(fields)
    except TemplateSyntaxError as error:
        raise TemplateProblem(f"{where} has a mistake on line {error.lineno}: "
                              f"{error.message}") from None
    except UndefinedError as error:
        raise TemplateProblem(f"{where} cannot be filled: {_missing(error)}") from None
    except SecurityError:
        raise TemplateProblem(f"{where} reaches for what a message may not use "
                              "(Python's insides); only the fields are there") from None
    except (TypeError, ValueError, ArithmeticError, LookupError) as error:  # {{ client + 1 }}
        raise TemplateProblem(f"{where} cannot be filled: {error}") from None
    subject, _, body = text.partition("\n")
    if subject.startswith("Subject:"):
        return Message(subject.removeprefix("Subject:").strip(), body.lstrip("\n"))
    return Message("", text)


def _missing(error: Exception) -> str:
    """Why a field could not be filled: not one Sendoff knows, or empty for this client."""
    message = str(error)
    if " has no attribute " in message:  # '{{ client.nope }}', or a reach for the insides
        return (f"it asks for .{message.rsplit(chr(39), 2)[-2]}, which no field has "
                "(a field is text, or a list)")
    name = message.split("'")[1] if message.count("'") >= 2 else ""
    if name in FIELDS:
        return (f"{{{{ {name} }}}} ({FIELDS[name]}) is empty for this client; add it to "
                "their record, or write the part that uses it inside "
                f"{{% if {name} is defined %}}...{{% endif %}}")
    if name:
        return (f"{{{{ {name} }}}} is not a field; the fields are: "
                f"{', '.join(sorted(FIELDS))}")
    return message
