"""Files: listing, reading, writing, moving, archiving, searching."""
# ruff: noqa: E501

from itool.data.generate.dsl import Bool, Enum, Int, ListOf, P, Pick, chain, fn
from itool.data.generate.values import DATE, megabytes

DIRS = ("/home/ana/projects", "/var/log/nginx", "/srv/data/exports", "~/Documents/invoices", "~/Downloads", "/tmp/build", "/etc/nginx/sites-available", "~/Pictures/2024", "/opt/app/config", "C:\\Users\\liam\\Desktop", "D:\\Backups\\2025", "~/music/playlists")
FILES = ("/var/log/nginx/access.log", "~/Documents/report_q3.docx", "/etc/hosts", "/srv/data/exports/users.csv", "~/notes/todo.md", "/opt/app/config/settings.yaml", "~/Downloads/contract_signed.pdf", "/home/ana/projects/api/main.py", "C:\\Users\\liam\\Desktop\\budget.xlsx", "~/Pictures/2024/IMG_0042.jpg", "/tmp/build/output.tar.gz", "~/data/measurements.json")
FILE = P("path", "Path of the file.", Pick(FILES, quote=0.5), "{}", ask="Which file (its path)?")
DIR = P("directory", "Path of the directory.", Pick(DIRS, quote=0.4), "in {}", ask="Which folder?")


def _find(rng, a):
    stems = rng.sample(("summary", "draft", "final", "notes", "backup", "export"), 2)
    base = a["directory"].rstrip("/\\")
    sep = "\\" if "\\" in base else "/"
    ext = a["pattern"].split(".")[-1] if "." in a["pattern"] else "txt"
    return {"matches": [{"path": f"{base}{sep}{s}.{ext}", "size_kb": rng.randint(2, 9000)} for s in stems]}


FUNCTIONS = [
    fn("list_directory", "List the entries of a directory, optionally with hidden files and recursively.",
       [DIR, P("show_hidden", "Include entries whose names start with a dot.", Bool("including hidden files", "without hidden files"), "{}").opt(False),
        P("recursive", "Descend into subdirectories.", Bool("recursively|including subfolders", "top level only"), "{}").opt(False), P("sort_by", "Sort key.", Enum("name|size|modified", {"modified": "modification date|last modified"}), "sorted by {}|by {}").opt("name")],
       "list the files in a folder|see what's in a directory",
       "What's in {directory}{+}?|List the files in {directory}{+}.|Show me the contents of {directory}{+}."),
    fn("readFile", "Read a text file, optionally only a range of lines.",
       [FILE, P("start_line", "First line to return (1-based).", Int(1, 500, words_p=0.0), "from line {}").opt(1), P("max_lines", "How many lines at most.", Int(10, 200, 10), "(at most {} lines)|- just {} lines").opt(),
        P("encoding", "Text encoding.", Enum("utf-8|latin-1|utf-16"), "as {}|using {} encoding").opt("utf-8")],
       "read a file|open a text file",
       "Read {path}{+}.|Show me what's in {path}{+}.|Open {path}{+}."),
    fn("write_file", "Write text to a file, replacing it or appending to it.",
       [FILE, P("content", "Text to write.", Pick(("TODO: update dependencies", "backup completed", "hello world", "DEBUG=false", "# Release notes", "127.0.0.1 dev.local"), quote=0.9), "{}", ask="What should I write?"),
        P("mode", "Overwrite or append.", Enum("overwrite|append", {"overwrite": "replacing what's there|overwriting it", "append": "at the end|appending it"}), "{}").opt("overwrite")],
       "write to a file|save text into a file",
       "Write {content} to {path}{+}.|Put the line {content} into {path}{+}.|Save {content} in {path}{+}."),
    fn("move_file", "Move or rename a file or directory.",
       [P("source", "Current path.", Pick(FILES, quote=0.4), "{}", "source path"), P("destination", "New path or target directory.", Pick(DIRS + ("/srv/archive/", "~/old/", "/mnt/backup/"), quote=0.4), "to {}", "destination", "Where should it go?"),
        P("overwrite", "Replace an existing file at the destination.", Bool("and overwrite anything there", "without overwriting"), "{}").opt(False)],
       "move a file|rename a file",
       "Move {source} to {destination}{+}.|Put {source} into {destination}{+}."),
    fn("delete_path", "Delete a file, or a directory with its contents when recursive.",
       [P("path", "Path to delete.", Pick(FILES + DIRS, quote=0.4), "{}", ask="What should I delete?"), P("recursive", "Delete directories with everything in them.", Bool("recursively|with everything inside", "only if empty"), "{}").opt(False),
        P("to_trash", "Move to the trash instead of deleting for good.", Bool("to the trash|into the recycle bin", "permanently|for good"), "{}").opt(True)],
       "delete a file|remove a folder",
       "Delete {path}{+}.|Remove {path}{+}.|Get rid of {path}{+}."),
    fn("files.compress", "Pack files into a zip or tar.gz archive.",
       [P("paths", "Files and folders to include.", ListOf(Pick(FILES), 2, 4), "{}", "files", "Which files should go in the archive?"), P("archive_path", "Path of the archive to create.", Pick(("~/backup.zip", "/tmp/logs.tar.gz", "~/Desktop/share.zip", "/srv/archive/2025-06.tar.gz"), quote=0.4), "into {}|as {}", "archive name"),
        P("format", "Archive format.", Enum("zip|tar.gz"), "in {} format|as a {} archive").opt("zip")],
       "compress files into an archive|zip some files",
       "Zip {paths} into {archive_path}{+}.|Compress {paths} as {archive_path}{+}.|Make an archive {archive_path} with {paths}{+}."),
    fn("extract_archive", "Unpack a zip or tar archive into a directory.",
       [P("archive_path", "Archive to unpack.", Pick(("~/Downloads/photos.zip", "/tmp/build/output.tar.gz", "~/Downloads/dataset.tar.gz", "/mnt/usb/backup.zip"), quote=0.4), "{}", "archive"), P("destination", "Directory to extract into.", Pick(DIRS), "into {}|to {}").opt()],
       "extract an archive|unzip a file",
       "Unzip {archive_path}{+}.|Extract {archive_path}{+}."),
    fn("find_files", "Find files matching a name pattern under a directory, optionally newer than a date or larger than a size. Returns paths and sizes.",
       [DIR, P("pattern", "Glob pattern for file names.", Pick(("*.pdf", "*.log", "report*", "*.csv", "IMG_*.jpg", "*.py", "*backup*", "*.docx"), quote=0.5), "matching {}|named {}", ask="What should the file names match?"),
        P("modified_after", "Only files changed after this date, YYYY-MM-DD.", DATE, "modified after {}|changed since {}").opt(), P("min_size_mb", "Only files at least this big, in MB.", megabytes(1, 4096, 1), "bigger than {}|over {}").opt()],
       "search for files|find files by name",
       "Find {pattern} files in {directory}{+}.|Look for files matching {pattern} under {directory}{+}.|Which files in {directory} match {pattern}{+}?",
       returns=_find, answer="I found {matches[0][path]} and {matches[1][path]}."),
    fn("file_info", "Size, owner, permissions and timestamps of a file.",
       [FILE], "get a file's details|check a file's size and dates",
       "How big is {path}?|When was {path} last modified?|Show file info for {path}.",
       returns=lambda rng, a: {"path": a["path"], "size_kb": rng.randint(1, 50000), "owner": rng.choice(("ana", "root", "liam", "www-data")), "modified": f"2025-{rng.randint(1, 12):02d}-{rng.randint(10, 28)}"},
       answer="{path} is {size_kb} KB, owned by {owner}, last modified {modified}."),
    fn("set_permissions", "Change a file's permissions, given in octal like 644.",
       [FILE, P("mode", "Octal permission bits, e.g. 755.", Enum("600|640|644|664|700|750|755|775"), "to {}", "permission mode", "What permissions should it get?"), P("recursive", "Apply to everything under a directory.", Bool("recursively", "just that path"), "{}").opt(False)],
       "change file permissions|chmod a file",
       "Set the permissions of {path} to {mode}{+}.|chmod {mode} {path}{+}."),
    fn("checksum", "Compute a file's checksum.",
       [FILE, P("algorithm", "Hash algorithm.", Enum("md5|sha1|sha256|sha512", {"sha256": "SHA-256|sha256", "md5": "MD5|md5", "sha1": "SHA-1", "sha512": "SHA-512"}), "using {}|with {}").opt("sha256")],
       "compute a file checksum|hash a file",
       "What's the {algorithm} of {path}?|Compute a checksum for {path}{+}.|Hash {path}{+}."),
    fn("Disk Usage Report", "Space used by each top-level folder of a path, largest first.",
       [DIR, P("top", "How many folders to show.", Int(3, 20), "(top {})|- the {} biggest").opt(10)],
       "check disk usage|see what's taking up space",
       "What's taking up space in {directory}{+}?|Show disk usage of {directory}{+}."),
    fn("convert_document", "Convert a document to another format.",
       [P("path", "Document to convert.", Pick(("~/Documents/report_q3.docx", "~/notes/todo.md", "~/Downloads/contract_signed.pdf", "C:\\Users\\liam\\Desktop\\budget.xlsx", "~/slides/pitch.pptx"), quote=0.4), "{}", "document"),
        P("target_format", "Format to produce.", Enum("pdf|docx|txt|html|odt|csv"), "to {}|as {}|into {}", "output format", "Which format should it become?")],
       "convert a document|change a file's format",
       "Convert {path} to {target_format}.|Turn {path} into a {target_format}.|Export {path} as {target_format}."),
    fn("share_file", "Create a share link for a file, with an access level and an expiry.",
       [FILE, P("access", "What link holders may do.", Enum("view|comment|edit", {"view": "view-only|read-only", "edit": "editable|edit"}), "with {} access|as {}").opt("view"), P("expires_in_days", "Days until the link stops working.", Int(1, 30), "expiring in {} days|valid for {} days").opt(7)],
       "share a file|create a share link",
       "Share {path}{+}.|Make a link to {path}{+}.|Create a share link for {path}{+}."),
    fn("restore_version", "Restore an earlier saved version of a file by version number.",
       [FILE, P("version", "Version number to restore.", Int(1, 40, words_p=0.2), "to version {}", ask="Which version?")],
       "restore an old version of a file|roll back a file",
       "Restore {path} to version {version}.|Roll {path} back to version {version}."),
]

CHAINS = [
    chain("find_files", "delete_path", {"path": lambda res: res["matches"][0]["path"]},
          "Find {pattern} files in {directory} and delete the first match.|Look for files matching {pattern} in {directory}, then remove the first one you find."),
    chain("find_files", "share_file", {"path": lambda res: res["matches"][0]["path"]},
          "Search {directory} for {pattern} and create a share link for the first result.|Find the first {pattern} file in {directory} and share it."),
]
