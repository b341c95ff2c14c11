"""The backup archive: one uncompressed tar with a checksummed manifest.

    database/db.sqlite3.gz | database/postgresql.dump   the database snapshot
    media/<path>                                       every file under MEDIA_ROOT
    private/<path>                                     every file under PRIVATE_MEDIA_ROOT
    manifest.json                                      last: what is inside, with SHA-256 and size

Uncompressed because what takes room is already compressed (JPEG, MP4, a pg_dump custom-format
file, a gzipped SQLite file): gzip over a video library would cost time for nothing, and a plain
tar can be listed and checked member by member. Next to the archive, `<name>.sha256` holds the
archive's own checksum in `sha256sum -c` format, for checking a copy on another machine.
"""

import hashlib
import json
import os
import shutil
import tarfile
from pathlib import Path, PurePosixPath

from .errors import BackupError

FORMAT = "wenming-backup"
VERSION = 1
MANIFEST = "manifest.json"
ROOTS = ("database/", "media/", "private/")
CHUNK = 1024 * 1024


class _HashingReader:
    """Hands tarfile the file's bytes and hashes them on the way, so each file is read once."""

    def __init__(self, raw):
        self.raw = raw
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.raw.read(size)
        self.sha256.update(data)
        return data


def file_sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def iter_files(root):
    """Regular files under `root`, in a stable order; symbolic links are not followed."""
    root = Path(root)
    if not root.is_dir():
        return
    for directory, subdirectories, files in os.walk(root):
        subdirectories.sort()
        for name in sorted(files):
            path = Path(directory) / name
            if path.is_file() and not path.is_symlink():
                yield path


def create(path):
    return tarfile.open(path, "w", format=tarfile.PAX_FORMAT)  # PAX: UTF-8 file names


class ArchiveWriter:
    """Adds files to an open tar and records each one's SHA-256 and size for the manifest."""

    def __init__(self, tar):
        self.tar = tar
        self.members = {}

    def add_file(self, source, arcname):
        with open(source, "rb") as raw:
            info = self.tar.gettarinfo(fileobj=raw, arcname=arcname)
            info.uid = info.gid = 0
            info.uname = info.gname = ""
            reader = _HashingReader(raw)
            self.tar.addfile(info, reader)
        self.members[arcname] = {"sha256": reader.sha256.hexdigest(), "size": info.size}
        return info.size

    def add_tree(self, root, prefix):
        """Add every file under `root` as `<prefix><relative path>`; return (files, bytes)."""
        files = size = 0
        for path in iter_files(root):
            size += self.add_file(path, prefix + path.relative_to(root).as_posix())
            files += 1
        return files, size

    def add_manifest(self, manifest, mtime):
        data = json.dumps({**manifest, "members": self.members}, ensure_ascii=False, indent=1).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(data)
        info.mtime = int(mtime)
        info.mode = 0o600
        self.tar.addfile(info, _BytesReader(data))


class _BytesReader:
    def __init__(self, data):
        self.data, self.offset = data, 0

    def read(self, size=-1):
        end = len(self.data) if size is None or size < 0 else self.offset + size
        chunk, self.offset = self.data[self.offset : end], min(end, len(self.data))
        return chunk


def write_sidecar(archive):
    archive = Path(archive)
    sidecar = sidecar_path(archive)
    sidecar.write_text(f"{file_sha256(archive)}  {archive.name}\n", encoding="utf-8")
    sidecar.chmod(0o600)
    return sidecar


def sidecar_path(archive):
    archive = Path(archive)
    return archive.with_name(archive.name + ".sha256")


# Reading ------------------------------------------------------------------------------------------


def check_member_name(member):
    path = PurePosixPath(member.name)
    if (
        not member.isreg()
        or path.is_absolute()
        or ".." in path.parts
        or "\\" in member.name
        or not member.name.startswith(ROOTS)
    ):
        raise BackupError(f"The archive holds an entry that a backup never holds: {member.name!r}.")


def read_manifest(tar):
    try:
        member = tar.getmember(MANIFEST)
        manifest = json.load(tar.extractfile(member))
    except (KeyError, ValueError) as exc:
        raise BackupError("This is not an archive made by backup_site (no readable manifest).") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError("This is not an archive made by backup_site (unknown format).")
    if manifest.get("version") != VERSION:
        raise BackupError(f"Archive format version {manifest.get('version')} is not supported here.")
    return manifest


def open_archive(path):
    try:
        return tarfile.open(path, "r:")
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(f"Cannot read {path}: {exc}") from exc


def verify(path):
    """Check the archive completely before anything is changed; return its manifest.

    The sidecar checksum (when present) covers the archive as a whole; the manifest covers each
    member, so a missing, extra, truncated or altered file is named.
    """
    path = Path(path)
    sidecar = sidecar_path(path)
    if sidecar.exists():
        expected = sidecar.read_text(encoding="utf-8").split()[0].lower()
        if file_sha256(path) != expected:
            raise BackupError(
                f"{path.name} does not match its checksum in {sidecar.name}: the copy is damaged."
            )
    with open_archive(path) as tar:
        try:
            manifest = read_manifest(tar)
            expected_members = manifest.get("members") or {}
            seen = set()
            for member in tar.getmembers():
                if member.name == MANIFEST:
                    continue
                check_member_name(member)
                entry = expected_members.get(member.name)
                if entry is None:
                    raise BackupError(f"{member.name} is in the archive but not in its manifest.")
                digest = hashlib.sha256()
                with tar.extractfile(member) as handle:
                    while chunk := handle.read(CHUNK):
                        digest.update(chunk)
                if digest.hexdigest() != entry["sha256"] or member.size != entry["size"]:
                    raise BackupError(f"{member.name} does not match its checksum: the archive is damaged.")
                seen.add(member.name)
        except (OSError, tarfile.TarError, EOFError) as exc:
            raise BackupError(f"Cannot read {path.name}: {exc} (truncated or damaged archive).") from exc
    missing = sorted(set(expected_members) - seen)
    if missing:
        raise BackupError(f"The archive lacks {len(missing)} file(s) its manifest lists, e.g. {missing[0]}.")
    return manifest


def extract_member(tar, name, destination):
    with tar.extractfile(tar.getmember(name)) as source, open(destination, "wb") as target:
        shutil.copyfileobj(source, target, CHUNK)


def extract_tree(tar, prefix, destination, file_mode, directory_mode):
    """Write every `<prefix>…` member under `destination`; return (files, bytes)."""
    destination = Path(destination)
    _make_directories(destination, directory_mode)
    root = destination.resolve()
    files = size = 0
    for member in tar.getmembers():
        if not member.name.startswith(prefix):
            continue
        check_member_name(member)
        target = destination / member.name[len(prefix) :]
        if not target.resolve().is_relative_to(root):
            raise BackupError(f"{member.name} would be written outside {destination}.")
        _make_directories(target.parent, directory_mode)
        with tar.extractfile(member) as source, open(target, "wb") as handle:
            shutil.copyfileobj(source, handle, CHUNK)
        if file_mode is not None:
            target.chmod(file_mode)
        os.utime(target, (member.mtime, member.mtime))
        files += 1
        size += member.size
    return files, size


def _make_directories(directory, mode):
    missing = []
    while not directory.exists():
        missing.append(directory)
        directory = directory.parent
    for path in reversed(missing):
        path.mkdir()
        if mode is not None:
            path.chmod(mode)
