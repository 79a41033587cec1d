"""Workshop packs: the pack manifest, and an incremental, parallel build of everything it names.

Flow: load the manifest (``manifest``: every mistake reported with file and line) -> plan one
task per PDF (``plan``: each brand x document x format item, and per organisation a combined
pack PDF, each with a key of its inputs) -> skip the tasks whose key matches the
organisation's ``manifest.json`` -> render the rest (``workers``: in worker processes forked
after WeasyPrint is imported) -> per organisation, write ``manifest.json`` and a zip
(``output``). ``build`` runs the whole flow.

A task that fails (a broken brand or document) fails alone: its file is not written, the rest
are built, and the organisation gets no combined PDF or zip until it is fixed.
"""

from generator.pack.build import PackReport, build_pack
from generator.pack.manifest import Event, Pack, PackFormat, available_packs, find_pack, load_pack
from generator.pack.output import MANIFEST_FILE
from generator.pack.plan import Task, pack_folder, plan_pack, zip_path
from generator.pack.workers import (
    Progress,
    Schedule,
    TaskResult,
    default_jobs,
    render_job,
    render_task,
    render_tasks,
)

__all__ = [
    "MANIFEST_FILE",
    "Event",
    "Pack",
    "PackFormat",
    "PackReport",
    "Progress",
    "Schedule",
    "Task",
    "TaskResult",
    "available_packs",
    "build_pack",
    "default_jobs",
    "find_pack",
    "load_pack",
    "pack_folder",
    "plan_pack",
    "render_job",
    "render_task",
    "render_tasks",
    "zip_path",
]
