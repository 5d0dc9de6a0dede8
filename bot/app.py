"""The app factory: settings in, the whole core out (policies, store, desk, router).

Every surface (terminal chat, Slack, Teams) builds its core here, so they behave alike.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from pathlib import Path

from bot import bindings
from bot.core.assistant import Assistant
from bot.core.door import Door
from bot.core.identity import Identities
from bot.core.ports import CoreStore
from bot.settings import Settings
from knowledge.answer import Answerer
from knowledge.bank import load_bank
from knowledge.judging import LexicalJudge
from knowledge.library import Library, bundled_policies
from knowledge.semantic.cache import CachedEncoder, default_folder
from knowledge.semantic.encoder import Encoder
from knowledge.semantic.examples import ExampleReader
from knowledge.semantic.load import semantic_judge, shared_encoder
from knowledge.word_bank import WordBank
from workflows import intents
from workflows.catalogue import Catalogue
from workflows.desk import ClauseFinder, Desk
from workflows.people import Directory
from workflows.store import Clock, Store, utc_now
from workflows.timing import Timing


@dataclass(slots=True)
class Core:
    settings: Settings
    library: Library
    people: Directory
    store: Store
    desk: Desk
    assistant: Assistant
    #: The adapters' way in besides a turn (seen-before, posted cards, conversations).
    door: Door
    identities: Identities

    async def close(self) -> None:
        self.assistant.thinking.close()
        await self.store.close()


def timing(settings: Settings) -> Timing:
    return Timing(
        draft_ttl=dt.timedelta(hours=settings.draft_ttl_hours),
        remind_after=dt.timedelta(minutes=settings.virus_remind_minutes),
        escalate_after=dt.timedelta(minutes=settings.virus_escalate_minutes),
    )


def answerer(settings: Settings, library: Library) -> Answerer:
    """The answerer every surface uses: semantic when the model loads, else words only
    (the clauses' wording and the question bank matched by words)."""
    judge = semantic_judge(library, settings.cache_dir) if settings.semantic else None
    if judge is None:
        return Answerer(
            library, judge=LexicalJudge(bank=WordBank(load_bank(library), library.analyzer))
        )
    return Answerer(library, judge=judge)


def clause_finder(library: Library) -> ClauseFinder:
    """How the desk reads a clause the Clerk names ("§5.3"): its id, and the note the
    asker is sent (the clause's label and words)."""

    def find(council: str, named: str) -> tuple[str, str] | None:
        clause = library.find_clause(council, named)
        return (clause.id, f"{clause.label}: \u201c{clause.text}\u201d") if clause else None

    return find


def catalogue(settings: Settings, answerer: Answerer) -> Catalogue:
    """The workflows, their topics bound in the council's policy: by the knowledge engine,
    or as the council's override file beside the policy names them. Done before any
    question the Clerk linked is taught, so every start binds alike."""
    served = [c for c in (settings.council,) if c in answerer.library.indexes]
    folder = settings.policies_dir or bundled_policies()
    return Catalogue(bindings=bindings.for_workflows(bindings.resolve(answerer, served, folder)))


def assemble(
    settings: Settings, clock: Clock, library: Library, people: Directory, store: CoreStore
) -> tuple[Desk, Assistant]:
    """The desk and the router on any store with the core's ports (SQL, or in memory)."""
    answers = answerer(settings, library)
    workflows = catalogue(settings, answers)
    desk = Desk(store, people, workflows, clock, timing(settings), clause_finder(library))
    assistant = Assistant(
        answers, library, desk, store, settings.council, clock, reader=intent_reader(settings)
    )
    return desk, assistant


@functools.cache
def _reader(encoder: Encoder, cache: Path | None) -> ExampleReader:
    cached = CachedEncoder(encoder, cache or default_folder())
    return ExampleReader(cached, intents.examples(), asker=encoder)


def intent_reader(settings: Settings) -> ExampleReader | None:
    """Reads an opening message by meaning, on the bundled model (None when the semantic
    layer is off or the model can't load: the workflows' own words still route). The
    examples' vectors come from the vector cache, as the clauses' do."""
    encoder = shared_encoder() if settings.semantic else None
    return _reader(encoder, settings.cache_dir) if encoder is not None else None


async def open_core(
    settings: Settings, clock: Clock = utc_now, library: Library | None = None
) -> Core:
    library = library or Library.load(settings.policies_dir)
    if settings.council not in library.indexes:
        raise ValueError(f"no policy for council {settings.council!r} (CLERKBOT_COUNCIL)")
    people = Directory.load(settings.people_file)
    store = await Store.open(settings.database(), clock, schema=settings.database_schema)
    desk, assistant = assemble(settings, clock, library, people, store)
    await assistant.clerk.relearn()
    door = Door(store, desk.catalogue, people)
    return Core(settings, library, people, store, desk, assistant, door, Identities(people))
