"""Stage 10 · The deployment templates, read as data: nginx (with nginx -t when nginx is installed), the systemd
unit, the Dockerfile, and the pinned requirements. None of them is run."""

import json
import re
import shutil
from pathlib import Path

import pytest

import expect
from deployment import (bind_option, directives, dockerfile_instructions, parse_nginx, parse_unit, read_template,
                        target_of, unit_values, worker_of)
from grader.channel import tail
from grader.plugin import CheckFailed

NGINX = "deploy/nginx.conf"
UNIT = "deploy/tasks-api.service"
DOCKERFILE = "Dockerfile"
ONCE = ("Host", "X-Forwarded-For", "X-Forwarded-Proto")
# nginx -t makes its temporary folders; in the sandbox they go under the check's own folder.
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
MISSING_FILE = re.compile(r'(open|mkdir|bind)\(\) .* failed \((2|13):')


def nginx_tree(request) -> list[dict]:
    """The parsed nginx template; a failed check when it does not parse."""
    text = read_template(target_of(request), NGINX)
    try:
        return parse_nginx(text)
    except ValueError as exc:
        raise CheckFailed(f"{NGINX} to parse as nginx configuration", str(exc)) from None


def unit(request) -> dict:
    """The parsed systemd unit; a failed check when it does not parse."""
    text = read_template(target_of(request), UNIT)
    try:
        return parse_unit(text)
    except ValueError as exc:
        raise CheckFailed(f"{UNIT} to parse as a systemd unit", str(exc)) from None


def exec_start(request) -> str:
    """The one ExecStart of the unit's [Service] section."""
    values = unit_values(unit(request), "Service", "ExecStart")
    expect.that(len(values) == 1, f"one ExecStart= line in the [Service] section of {UNIT}", f"{len(values)}")
    return values[0]


def location_root(tree: list[dict]) -> dict:
    """The `location /` block of the server block."""
    for location in directives(tree, "location"):
        if location["args"] == ["/"]:
            return location
    raise CheckFailed(f"a `location / {{ ... }}` block in {NGINX}", "none")


@pytest.mark.hint("nginx -t checks the file; each directive ends with ';', each block is closed, and the file holds "
                  "a server block to include in nginx's http block.", section="nginx-in-front", todo="todo-nginx-proxy")
def test_nginx_template_is_valid(request, tmp_path):
    """deploy/nginx.conf parses (nginx -t when nginx is installed) and holds a server block"""
    tree = nginx_tree(request)
    expect.that(len([d for d in tree if d["name"] == "server"]) >= 1, f"a server {{ ... }} block in {NGINX}",
                f"top-level directives {[d['name'] for d in tree]}")
    includes = [" ".join(d["args"]) for d in directives(tree, "include")]
    nginx = shutil.which("nginx") or (shutil.which("nginx", path="/usr/sbin:/sbin"))
    if not nginx or any(not name.endswith("proxy_params") for name in includes):
        return
    # nginx reads the file itself, in the sandbox the app runs in, wrapped in the http block it belongs in.
    (tmp_path / "logs").mkdir()
    (tmp_path / "temp").mkdir()
    shutil.copy(target_of(request) / NGINX, tmp_path / "site.conf")
    params = Path("/etc/nginx/proxy_params")
    (tmp_path / "proxy_params").write_text(params.read_text() if params.is_file() else "", encoding="utf-8")
    temp_paths = "".join(f"    {kind}_temp_path temp/{kind};\n" for kind in TEMP_KINDS)
    (tmp_path / "wrapper.conf").write_text(
        f"pid wrapper.pid;\nevents {{}}\nhttp {{\n    access_log off;\n{temp_paths}    include site.conf;\n}}\n",
        encoding="utf-8")
    site = (tmp_path / "site.conf").read_text(encoding="utf-8")
    (tmp_path / "site.conf").write_text(re.sub(r"include\s+\S*proxy_params\s*;", "include proxy_params;", site),
                                        encoding="utf-8")
    worker = worker_of(request)
    env = dict(worker.base_env)
    code = worker.run([nginx, "-t", "-q", "-p", f"{tmp_path}/", "-c", f"{tmp_path}/wrapper.conf", "-e", "stderr"],
                      env, tmp_path, tmp_path / "nginx-t.log", 20)
    output = tail(tmp_path / "nginx-t.log", 4000)
    # Files the template names (its logs) are not there in the sandbox, nor may it bind port 80: only what nginx says
    # of the text counts.
    errors = [line for line in output.splitlines() if "[emerg]" in line and not MISSING_FILE.search(line)]
    expect.that(code == 0 or not errors, f"nginx -t to accept {NGINX}",
                " | ".join(line.split("]", 1)[-1].strip() for line in errors).replace(str(tmp_path / "site.conf"),
                                                                                      NGINX)[:300])


@pytest.mark.hint("proxy_pass http://127.0.0.1:8000; in location /, the address gunicorn binds to in the "
                  "systemd unit's ExecStart (--bind 127.0.0.1:8000).", section="nginx-in-front",
                  todo="todo-nginx-proxy")
def test_nginx_passes_to_gunicorn_bind(request):
    """nginx's proxy_pass goes to the address that the systemd unit's gunicorn binds to"""
    location = location_root(nginx_tree(request))
    passes = [" ".join(d["args"]) for d in directives(location["block"] or [], "proxy_pass")]
    expect.that(len(passes) == 1, "one proxy_pass in `location /`", f"{passes}")
    bind = bind_option(exec_start(request))
    expect.that(bind is not None, f"ExecStart in {UNIT} to give gunicorn --bind", exec_start(request))
    wanted = f"http://{bind}" if not bind.startswith("unix:") else f"http://{bind}"
    expect.that(passes[0].rstrip("/") == wanted, f"proxy_pass {wanted}; (gunicorn's --bind {bind})",
                f"proxy_pass {passes[0]};")


@pytest.mark.hint("Set Host, X-Forwarded-For and X-Forwarded-Proto with proxy_set_header, each once; with "
                  "`include proxy_params;` as well, nginx sends them twice and gunicorn answers 400.",
                  section="nginx-in-front", todo="todo-nginx-proxy")
def test_nginx_sets_each_forwarded_header_once(request):
    """nginx sends Host, X-Forwarded-For and X-Forwarded-Proto to gunicorn, each exactly once"""
    tree = nginx_tree(request)
    headers = [d["args"][0].lower() for d in directives(tree, "proxy_set_header") if d["args"]]
    from_params = any(" ".join(d["args"]).endswith("proxy_params") for d in directives(tree, "include"))
    for name in ONCE:
        count = headers.count(name.lower()) + (1 if from_params else 0)
        expect.that(count == 1, f"the {name} header set once for gunicorn",
                    f"{count} times" + (" (proxy_params sets it too)" if from_params and count > 1 else ""))
    expect.that(headers.count("x-forwarded-host") <= 1, "X-Forwarded-Host set at most once",
                f"{headers.count('x-forwarded-host')} times")


@pytest.mark.hint("systemd has no comments after a value: put each comment on a line of its own.",
                  section="systemd-keeps-it-running", todo="todo-systemd-service")
def test_systemd_unit_has_no_inline_comments(request):
    """The systemd unit parses and no value carries a comment (systemd would take it as part of the value)"""
    parsed = unit(request)
    for section in ("Unit", "Service", "Install"):
        expect.that(section in parsed, f"a [{section}] section in {UNIT}", f"sections {sorted(parsed)}")
    inline = [f"{key}={value}" for entries in parsed.values() for key, value in entries
              if re.search(r"\s[#;]", value)]
    expect.that(not inline, "no comment after a value", "; ".join(inline)[:300])


@pytest.mark.hint("ExecStart=/srv/tasks-api/.venv/bin/gunicorn --config gunicorn.conf.py --bind 127.0.0.1:8000 "
                  "wsgi:application: an absolute path into the project's venv.", section="systemd-keeps-it-running",
                  todo="todo-systemd-service")
def test_systemd_runs_the_venv_gunicorn(request):
    """ExecStart is the absolute path of the venv's gunicorn, serving wsgi:application, from an absolute
    WorkingDirectory, with FLASK_CONFIG=production"""
    command = exec_start(request)
    program = command.split()[0] if command.split() else ""
    expect.that(program.startswith("/") and program.endswith("/bin/gunicorn")
                and not program.startswith(("/usr/", "/bin/")),
                "ExecStart to start with the absolute path of the venv's gunicorn (…/.venv/bin/gunicorn)", program)
    expect.that("wsgi:application" in command.split(), "ExecStart to serve wsgi:application", command)
    folders = unit_values(unit(request), "Service", "WorkingDirectory")
    expect.that(len(folders) == 1 and folders[0].startswith("/"), "an absolute WorkingDirectory= (the project folder)",
                f"{folders}")
    environment = " ".join(unit_values(unit(request), "Service", "Environment"))
    expect.that(re.search(r"(^|\s|\")FLASK_CONFIG=production(\s|\"|$)", environment) is not None,
                "Environment=FLASK_CONFIG=production", environment or "no Environment= line")


@pytest.mark.hint("Restart=always (or on-failure) in [Service], WantedBy=multi-user.target in [Install].",
                  section="systemd-keeps-it-running", todo="todo-systemd-service")
def test_systemd_restarts_and_starts_at_boot(request):
    """The unit restarts gunicorn when it fails and starts at boot"""
    parsed = unit(request)
    restart = unit_values(parsed, "Service", "Restart")
    expect.that(restart in (["always"], ["on-failure"]), "Restart=always (or on-failure)", f"{restart}")
    wanted = unit_values(parsed, "Install", "WantedBy")
    expect.that(wanted == ["multi-user.target"], "WantedBy=multi-user.target", f"{wanted}")


@pytest.mark.hint("Keep SECRET_KEY, JWT_SECRET_KEY and DATABASE_URL in a file only root reads, named by "
                  "EnvironmentFile=, never in the unit.", section="systemd-keeps-it-running",
                  todo="todo-systemd-service")
def test_systemd_keeps_secrets_out_of_the_unit(request):
    """The unit reads the secrets from an EnvironmentFile instead of holding them"""
    parsed = unit(request)
    environment = " ".join(unit_values(parsed, "Service", "Environment"))
    leaked = [name for name in ("SECRET_KEY", "JWT_SECRET_KEY", "DATABASE_URL")
              if re.search(rf"(^|[\s\"]){name}=", environment)]
    expect.that(not leaked, "no secret in an Environment= line", ", ".join(leaked))
    files = unit_values(parsed, "Service", "EnvironmentFile")
    expect.that(len(files) >= 1 and files[0].lstrip("-").startswith("/"), "an EnvironmentFile= with an absolute path",
                f"{files}")


def dockerfile(request) -> list[tuple[str, str]]:
    """The Dockerfile's instructions."""
    instructions = dockerfile_instructions(read_template(target_of(request), DOCKERFILE))
    expect.that(bool(instructions), f"instructions in {DOCKERFILE}", "none")
    return instructions


@pytest.mark.hint("FROM python:3.12-slim: the pinned packages need Python 3.11 or newer.",
                  section="a-container-image", todo="todo-dockerfile")
def test_dockerfile_base_image_is_python_311_or_newer(request):
    """The Dockerfile starts FROM an official python image of version 3.11 or newer"""
    bases = [args for word, args in dockerfile(request) if word == "FROM"]
    expect.that(len(bases) >= 1, "a FROM line", "none")
    match = re.fullmatch(r"(?:docker\.io/(?:library/)?)?python:3\.(\d+)[\w.-]*(?:\s+AS\s+\S+)?", bases[-1], re.I)
    expect.that(match is not None and int(match.group(1)) >= 11, "FROM python:3.11 or newer (e.g. python:3.12-slim)",
                f"FROM {bases[-1]}")


@pytest.mark.hint("Write ENV NAME=value (several on one line if you like), never the old ENV NAME value.",
                  section="a-container-image", todo="todo-dockerfile")
def test_dockerfile_env_uses_key_value(request):
    """Every ENV line uses the NAME=value form and sets FLASK_CONFIG=production somewhere"""
    envs = [args for word, args in dockerfile(request) if word == "ENV"]
    legacy = [args for args in envs if not args or "=" not in args.split()[0]]
    expect.that(not legacy, "ENV lines in the NAME=value form", "; ".join(f"ENV {args}" for args in legacy))
    expect.that(any(re.search(r"(^|\s)FLASK_CONFIG=\"?production\"?(\s|$)", args) for args in envs),
                "ENV FLASK_CONFIG=production", "; ".join(f"ENV {args}" for args in envs) or "no ENV line")


@pytest.mark.hint("COPY requirements.txt . and RUN pip install -r requirements.txt before COPY . . , so that a change "
                  "of code does not reinstall every package.", section="a-container-image", todo="todo-dockerfile")
def test_dockerfile_installs_requirements_before_the_code(request):
    """The Dockerfile copies requirements.txt and installs it before it copies the code"""
    instructions = dockerfile(request)
    position = {}
    for index, (word, args) in enumerate(instructions):
        if word in ("COPY", "ADD"):
            sources = args.split()[:-1]
            if any(Path(source).name == "requirements.txt" for source in sources):
                position.setdefault("requirements", index)
            elif any(source in (".", "./", "*") for source in sources):
                position.setdefault("code", index)
        if word == "RUN" and "pip install" in args and "requirements.txt" in args:
            position.setdefault("install", index)
    order = [position.get(name) for name in ("requirements", "install", "code")]
    expect.that(None not in order and order == sorted(order),
                "COPY requirements.txt, then RUN pip install -r requirements.txt, then COPY . (the code)",
                ", ".join(f"{name} at instruction {position[name] + 1}" if name in position else f"no {name} step"
                          for name in ("requirements", "install", "code")))


@pytest.mark.hint('CMD ["gunicorn", "--config", "gunicorn.conf.py", "--bind", "0.0.0.0:5000", "wsgi:application"] '
                  "and EXPOSE 5000.", section="a-container-image", todo="todo-dockerfile")
def test_dockerfile_runs_gunicorn_in_exec_form(request):
    """CMD is in exec form (a JSON list) and runs gunicorn on 0.0.0.0:5000 serving wsgi:application; EXPOSE 5000"""
    instructions = dockerfile(request)
    commands = [args for word, args in instructions if word == "CMD"]
    expect.that(len(commands) >= 1, "a CMD line", "none")
    try:
        command = json.loads(commands[-1])
    except ValueError:
        command = None
    expect.that(isinstance(command, list) and all(isinstance(word, str) for word in command),
                'CMD in exec form: CMD ["gunicorn", ...]', f"CMD {commands[-1]}")
    expect.that(bool(command) and command[0] == "gunicorn" and "wsgi:application" in command,
                "CMD to run gunicorn serving wsgi:application", f"CMD {commands[-1]}")
    bind = bind_option(" ".join(command))
    expect.that(bind == "0.0.0.0:5000", "gunicorn bound to 0.0.0.0:5000 in the container (127.0.0.1 is unreachable "
                "from outside it)", f"--bind {bind}")
    exposed = " ".join(args for word, args in instructions if word == "EXPOSE").split()
    expect.that("5000" in exposed or "5000/tcp" in exposed, "EXPOSE 5000", f"EXPOSE {' '.join(exposed) or 'none'}")


@pytest.mark.hint("requirements.txt pins gunicorn (gunicorn==27.0.1), as it pins the rest.",
                  section="a-container-image")
def test_requirements_pin_gunicorn(request):
    """The stage folder's requirements.txt pins gunicorn with ==, next to Flask"""
    text = read_template(target_of(request), "requirements.txt")
    pins = {line.split("==")[0].strip().lower(): line.split("==")[1].split("#")[0].strip()
            for line in text.splitlines() if "==" in line and not line.lstrip().startswith("#")}
    expect.that("gunicorn" in pins and re.fullmatch(r"\d+(\.\d+)*", pins["gunicorn"] or "") is not None,
                "a line gunicorn==<version> in requirements.txt",
                "gunicorn not pinned" if "gunicorn" not in pins else f"gunicorn=={pins['gunicorn']}")
    expect.that("flask" in pins, "Flask pinned in requirements.txt as well", "not pinned")
