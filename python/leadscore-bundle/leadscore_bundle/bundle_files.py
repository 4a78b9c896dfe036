"""A bundle directory's files, each checked against the SHA-256 in `manifest.json` before use.

A changed or damaged bundle is refused, as `leadscore score` refuses it: the scores must come from
exactly the files that were trained and registered.
"""
import hashlib
import json
import os

from .errors import BundleFormatError

MANIFEST = "manifest.json"
FORMAT_VERSION = 1


class BundleFiles:
    def __init__(self, directory):
        self.directory = os.fspath(directory)
        manifest_path = os.path.join(self.directory, MANIFEST)
        try:
            with open(manifest_path, "rb") as handle:
                manifest = json.loads(handle.read())
        except FileNotFoundError:
            raise BundleFormatError(self.directory, None, f"there is no {MANIFEST} here",
                                    "pass a directory written by `leadscore train --out`") from None
        except ValueError:
            raise BundleFormatError(manifest_path, None, "the manifest is not valid JSON",
                                    "retrain or restore the bundle; manifests are not meant to be edited") from None
        if manifest.get("formatVersion") != FORMAT_VERSION:
            raise BundleFormatError(manifest_path, "formatVersion",
                                    f"bundle format {manifest.get('formatVersion')!r} is not supported",
                                    f"this package reads bundle format {FORMAT_VERSION}; update leadscore-bundle")
        self.entries = {}
        for index, entry in enumerate(manifest.get("files", [])):
            if not isinstance(entry, dict) or not isinstance(entry.get("name"), str) \
                    or not isinstance(entry.get("sha256"), str):
                raise BundleFormatError(manifest_path, f"files[{index}]", "an entry without name and sha256",
                                        "retrain or restore the bundle")
            self.entries[entry["name"]] = entry["sha256"]
        self._verified = {}

    def path(self, name):
        return os.path.join(self.directory, name)

    def data(self, name):
        """The file's bytes, refused unless the manifest lists it with this content."""
        if name in self._verified:
            return self._verified[name]
        if name not in self.entries:
            raise BundleFormatError(self.directory, name, f"the bundle has no {name}", "retrain the bundle")
        try:
            with open(self.path(name), "rb") as handle:
                data = handle.read()
        except OSError:
            data = None
        if data is None or hashlib.sha256(data).hexdigest() != self.entries[name]:
            raise BundleFormatError(self.path(name), None,
                                    "the file is missing or does not match its SHA-256 in the manifest",
                                    "the bundle was changed or damaged: restore it from the registry or retrain")
        self._verified[name] = data
        return data

    def json(self, name):
        try:
            return json.loads(self.data(name))
        except ValueError as error:
            raise BundleFormatError(self.path(name), None, f"the file is not valid JSON ({error})",
                                    "retrain the bundle") from None

    def verify_all(self):
        for name in self.entries:
            self.data(name)
