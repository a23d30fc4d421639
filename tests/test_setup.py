"""The README, the Makefile and CI say the same as the code: every setting,
every command and every top-level folder is documented, and CI runs exactly
the README's test command."""
import ast
import importlib.metadata
import re
import subprocess
from pathlib import Path

import config
from app import create_app

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_every_setting_in_config_py_is_documented_as_an_environment_variable():
    settings = [name for name in vars(config) if name.isupper()]
    assert "DATABASE" in settings and "SECRET_KEY" not in settings
    missing = [name for name in settings if f"FLASK_{name}" not in README]
    assert not missing, f"README.md does not document: {', '.join('FLASK_' + m for m in missing)}"


def test_every_cli_command_is_documented(tmp_path):
    app = create_app({"TESTING": True, "DATABASE": str(tmp_path / "x.sqlite"), "SECRET_KEY": "x"})
    commands = set(app.cli.list_commands(None))
    assert {"init-db", "demo-data", "create-user"} <= commands
    missing = [c for c in commands if f"flask --app app {c}" not in README]
    assert not missing, f"README.md does not document the commands: {missing}"


def test_every_top_level_folder_is_in_the_readme_folder_list():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True).stdout.split()
    if not tracked:  # not a git checkout (e.g. an unpacked release): look at the folders themselves
        tracked = [p.name + "/x" for p in ROOT.iterdir() if p.is_dir() and not p.name.startswith(".")]
    folders = {path.split("/")[0] for path in tracked if "/" in path and not path.startswith(".")}
    listing = README.split("## Where each part lives", 1)[1]
    missing = [f for f in sorted(folders) if not re.search(rf"^{re.escape(f)}/", listing, re.M)]
    assert not missing, f"README.md's folder list misses: {missing}"


def test_ci_runs_the_readme_test_command_with_ci_true():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "export CI=true" in ci
    assert ci.strip().splitlines()[-1] == "make test"
    makefile = (ROOT / "Makefile").read_text()
    test_recipe = re.search(r"^test:.*\n((?:\t.*\n)+)", makefile, re.M).group(1)
    assert "pytest" in test_recipe
    assert "make test" in README and "make run" in README


def _pins(name):
    """{canonical package name: version} of a requirements or constraints file ('' if not ==)."""
    pins = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line and not line.startswith("-"):
            package, _, version = line.partition("==")
            pins[_canonical(package)] = version.strip()
    return pins


def _canonical(name):
    return re.sub(r"[-_.]+", "-", name).strip().lower()


def test_every_installed_package_is_pinned_in_constraints_txt():
    pinned = _pins("constraints.txt")
    installed = {_canonical(d.metadata["Name"]): d.version for d in importlib.metadata.distributions()}
    # setuptools and wheel come with some Pythons' venv; nothing here installs them
    unpinned = sorted(set(installed) - set(pinned) - {"setuptools", "wheel"})
    assert not unpinned, f"installed but not in constraints.txt (run make constraints): {unpinned}"
    other = {name: (version, pinned[name]) for name, version in installed.items()
             if name in pinned and pinned[name] != version}
    assert not other, f"installed (first) and pinned versions differ: {other}"


def test_requirements_are_exact_and_agree_with_the_constraints_that_make_installs_from():
    pinned = _pins("constraints.txt")
    assert pinned and all(pinned.values()), "constraints.txt pins every package with =="
    for name in ("requirements.txt", "requirements-dev.txt"):
        for package, version in _pins(name).items():
            assert version and pinned.get(package) == version, f"{name}: {package}=={version}"
    makefile = (ROOT / "Makefile").read_text()
    venv_rule = re.search(r"^\$\(BIN\)/activate:(.*)\n((?:\t.*\n)+)", makefile, re.M)
    assert "constraints.txt" in venv_rule.group(1)
    assert "-r requirements-dev.txt -c constraints.txt" in venv_rule.group(2)


# The sessions branch moves these modules' defaults (TABLET_*, PROXY_HOPS) to config.py (issue 8); then empty it.
NOT_YET_IN_CONFIG_PY = set()


def test_every_setting_the_code_reads_is_in_config_py_and_nowhere_gets_a_second_default():
    settings = {name for name in vars(config) if name.isupper()} | {"SECRET_KEY"}  # generated, never a default
    problems = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT).as_posix()
        if relative.startswith((".", "tests/")) or relative in NOT_YET_IN_CONFIG_PY:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Subscript) and ast.unparse(node.value).endswith("config"):
                key, default = node.slice, None
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "get"
                  and ast.unparse(node.func.value).endswith("config") and node.args):
                key, default = node.args[0], (node.args[1:] or [kw.value for kw in node.keywords] or [None])[0]
            else:
                continue
            name = key.value if isinstance(key, ast.Constant) else ast.unparse(key)
            if isinstance(key, ast.Constant) and name not in settings:
                problems.append(f"{relative}:{node.lineno}: {name} is not in config.py")
            if default is not None:
                problems.append(f"{relative}:{node.lineno}: {name} has a default beside config.py's")
    assert not problems, "\n".join(problems)
