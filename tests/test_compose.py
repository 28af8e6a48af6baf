"""The scaled-out demo: docker-compose.yaml, its Dockerfile and docs/scaling.md agree.

No Docker engine is needed: the compose file is read with PyYAML, and `docker compose config`
(which validates without an engine) runs when the docker CLI is installed.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from psycopg.conninfo import conninfo_to_dict

from airvault.config import load_config
from airvault.demo.least_privilege import APP_LOGIN

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = ROOT / "docker-compose.yaml"
DOCKERFILE = ROOT / "Dockerfile"
SCALING = ROOT / "docs" / "scaling.md"
IMAGE_HOME = "/opt/airvault"  # where the Dockerfile puts the project
AIRFLOW_COMPONENTS = {
    "airflow-apiserver",
    "airflow-scheduler",
    "airflow-dag-processor",
    "airflow-triggerer",
    "airflow-worker",
    "airflow-init",
}
REQUIRED = AIRFLOW_COMPONENTS | {
    "postgres",
    "redis",
    "app-db",
    "app-db-seed",
    "minio",
    "minio-init",
}
VARIABLE = re.compile(r"\$\$|\$\{(\w+)(?::?[-?]([^}]*))?\}")


def with_defaults(value: object) -> str:
    """A compose string as `docker compose config` gives it with no variable set."""
    return VARIABLE.sub(lambda m: "$" if m.group(0) == "$$" else (m.group(2) or ""), str(value))


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load(COMPOSE.read_text())


@pytest.fixture(scope="module")
def services(compose: dict) -> dict:
    return compose["services"]


def env_file(path: Path) -> dict[str, str]:
    """KEY=VALUE lines of an env_file (comments and blank lines skipped)."""
    pairs = {}
    for line in path.read_text().splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            key, value = line.split("=", 1)
            pairs[key.strip()] = value
    return pairs


def env(service: dict) -> dict[str, str]:
    """The service's environment as compose builds it: its env_file(s), then `environment`."""
    merged: dict[str, str] = {}
    files = service.get("env_file") or []
    for item in [files] if isinstance(files, (str, dict)) else files:
        merged.update(env_file(ROOT / (item["path"] if isinstance(item, dict) else item)))
    raw = service.get("environment") or {}
    if isinstance(raw, list):
        raw = dict(item.split("=", 1) for item in raw)
    merged.update(raw)
    return {k: with_defaults(v) for k, v in merged.items()}


def argv(value: str | list | None) -> list[str]:
    if value is None:
        return []
    return shlex.split(value) if isinstance(value, str) else [str(v) for v in value]


def our_image(services: dict) -> str:
    return services["airflow-scheduler"]["image"]


# --- the compose file --------------------------------------------------------------------------


def documented_services() -> list[str]:
    """The first-column names of the table under '## Services' in docs/scaling.md."""
    section = SCALING.read_text().split("\n## Services", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\|\s*`([\w-]+)`\s*\|", section, flags=re.M)


def test_every_service_the_docs_name_exists_and_every_service_is_documented(services):
    named = documented_services()
    assert REQUIRED <= set(named), f"docs/scaling.md misses {sorted(REQUIRED - set(named))}"
    assert not set(named) - set(services), (
        f"documented, not in compose: {set(named) - set(services)}"
    )
    assert not set(services) - set(named), (
        f"in compose, not documented: {set(services) - set(named)}"
    )


def test_airflow_runs_the_celery_executor_on_redis_and_postgres(services):
    for name in AIRFLOW_COMPONENTS:
        e = env(services[name])
        assert e["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        assert e["AIRFLOW__CELERY__BROKER_URL"].startswith("redis://:@redis:"), name
        assert "@postgres/" in e["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"], name
        # one JWT secret for all, or the workers' task tokens fail on the api-server
        assert e["AIRFLOW__API_AUTH__JWT_SECRET"], name
        assert not e.get("_PIP_ADDITIONAL_REQUIREMENTS"), f"{name} installs packages at start-up"
    assert argv(services["airflow-worker"]["command"]) == ["celery", "worker"]


def test_compose_and_make_scale_share_one_settings_file(services):
    """deploy/airflow-celery.env is the env_file of every Airflow service and what
    scripts/scale.py (`make scale`) loads: executor, broker, pool slots, defaults."""
    shared = ROOT / "deploy" / "airflow-celery.env"
    for name in AIRFLOW_COMPONENTS:
        files = services[name].get("env_file")
        assert files == ["deploy/airflow-celery.env"], name
        e = env(services[name])
        # scheduled backups run without anyone clicking
        assert e["AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION"] == "false", name
    settings = env_file(shared)
    for key in ("AIRFLOW__CORE__EXECUTOR", "AIRFLOW__CELERY__BROKER_URL",
                "AIRFLOW__CELERY__RESULT_BACKEND", "AIRVAULT_APP_DB_POOL_SLOTS"):  # fmt: skip
        assert key in settings, key
        # one source of truth: compose does not set them a second time
        for name in AIRFLOW_COMPONENTS:
            assert key not in (services[name].get("environment") or {}), (name, key)
    assert "airflow-celery.env" in (ROOT / "scripts" / "scale.py").read_text()


def test_the_worker_scales(services):
    worker = services["airflow-worker"]
    for key in ("container_name", "ports", "hostname"):
        assert key not in worker, (
            f"airflow-worker sets {key}: --scale airflow-worker=3 would collide"
        )
    assert "AIRFLOW__CELERY__WORKER_CONCURRENCY" in env(worker)


def test_airflow_and_the_seed_job_run_the_image_built_from_the_dockerfile(services):
    image = our_image(services)
    assert not image.startswith("apache/airflow"), "the services must run the project's image"
    for name in AIRFLOW_COMPONENTS | {"app-db-seed"}:
        service = services[name]
        assert service["image"] == image, name
        build = service.get("build")
        assert isinstance(build, dict), f"{name} is not built from the Dockerfile"
        assert (ROOT / build["context"]).resolve() == ROOT, name
        assert (ROOT / build.get("dockerfile", "Dockerfile")).resolve() == DOCKERFILE, name
    assert DOCKERFILE.is_file()


def test_every_variable_has_a_default():
    """What `docker compose config` warns about: a ${VAR} that is unset and has no default."""
    text = COMPOSE.read_text().replace("$$", "")
    bare = [m for m in re.findall(r"\$\{([^}]*)\}", text) if ":-" not in m]
    assert not bare, f"variables without a default: {bare}"


def test_one_shot_jobs_seed_the_app_database_and_create_the_bucket_before_airflow(services):
    seed = services["app-db-seed"]
    cmd = argv(seed.get("entrypoint")) + [with_defaults(a) for a in argv(seed["command"])]
    assert cmd[:2] == ["airvault", "demo-db"]
    assert "@app-db:5432/" in env(seed)["AIRVAULT_DSN"]
    assert seed["depends_on"]["app-db"]["condition"] == "service_healthy"
    assert "minio/mc" in services["minio-init"]["image"]
    assert services["minio-init"]["depends_on"]["minio"]["condition"] == "service_healthy"
    init = services["airflow-init"]["depends_on"]
    for job in ("app-db-seed", "minio-init"):
        assert init[job]["condition"] == "service_completed_successfully", job
    for name in AIRFLOW_COMPONENTS - {"airflow-init"}:
        after = services[name]["depends_on"]["airflow-init"]["condition"]
        assert after == "service_completed_successfully", name


def test_airflow_init_creates_the_app_db_pool_from_an_environment_variable(services):
    config = load_config(ROOT / "airvault.yaml")
    init = services["airflow-init"]
    script = "\n".join(argv(init["command"]))
    assert "airflow db migrate" in script
    assert re.search(r"airflow pools set \"?\$\$\{?pool", script), "the pool is not created"
    assert "load_config()" in script and ".pool" in script, "pool name not read from the config"
    assert "$${AIRVAULT_APP_DB_POOL_SLOTS}" in script
    slots = int(env(init)["AIRVAULT_APP_DB_POOL_SLOTS"])
    assert slots == 4
    assert slots >= config.backup.pool_slots, "the default pool could never run a backup"


def test_connections_point_at_the_compose_services(services):
    deploy = compose_config(services)
    e = env(services["airflow-worker"])
    app = json.loads(e[f"AIRFLOW_CONN_{deploy.connections.app_db.upper()}"])
    db = env(services["app-db"])
    assert app["conn_type"] == "postgres"
    assert app["host"] == "app-db" and app["port"] == 5432
    # airvault's own login, which the seed job makes (not the server's superuser)
    seed = services["app-db-seed"]
    assert "--least-privilege" in seed["command"]
    assert app["login"] == APP_LOGIN != db["POSTGRES_USER"]
    assert (app["password"], app["schema"]) == (
        env(seed)["AIRVAULT_LOGIN_PASSWORD"],
        db["POSTGRES_DB"],
    )
    cli = conninfo_to_dict(e["AIRVAULT_DSN"])  # the CLI in the containers: the same login
    assert (cli["user"], cli["password"], cli["dbname"]) == (
        APP_LOGIN,
        app["password"],
        app["schema"],
    )
    assert deploy.connections.storage, "the compose config must name its S3 connection"
    s3 = json.loads(e[f"AIRFLOW_CONN_{deploy.connections.storage.upper()}"])
    minio = env(services["minio"])
    assert s3["conn_type"] == "aws"
    assert s3["extra"]["endpoint_url"] == "http://minio:9000"
    assert (s3["login"], s3["password"]) == (
        minio["MINIO_ROOT_USER"],
        minio["MINIO_ROOT_PASSWORD"],
    )


def compose_config(services: dict):
    """The airvault config the Airflow services load (AIRVAULT_CONFIG), from the work tree."""
    path = env(services["airflow-worker"])["AIRVAULT_CONFIG"]
    assert path.startswith(IMAGE_HOME + "/"), path
    for name in AIRFLOW_COMPONENTS:
        assert env(services[name])["AIRVAULT_CONFIG"] == path, name
    local = ROOT / path.removeprefix(IMAGE_HOME + "/")
    assert local.is_file(), f"{path} is not in the image: {local} does not exist"
    return load_config(local)


def test_backups_go_to_the_bucket_minio_init_creates(services):
    root = compose_config(services).storage_root()
    assert root.startswith("s3://"), root
    bucket = root.removeprefix("s3://").split("@")[-1].split("/")[0]
    script = " ".join(argv(services["minio-init"]["command"]))
    assert re.search(rf"mc mb (--ignore-existing )?local/{re.escape(bucket)}(\s|$)", script), (
        f"minio-init does not create bucket '{bucket}'"
    )


def test_the_compose_config_is_airvault_yaml_with_only_the_storage_changed(services):
    path = env(services["airflow-worker"])["AIRVAULT_CONFIG"]
    deploy = yaml.safe_load((ROOT / path.removeprefix(IMAGE_HOME + "/")).read_text())
    base = yaml.safe_load((ROOT / "airvault.yaml").read_text())
    assert deploy["storage"]["root"] != base["storage"]["root"]
    for data in (deploy, base):
        del data["storage"]["root"]
        del data["connections"]["storage"]
    assert deploy == base, "deploy config drifted from airvault.yaml beyond the storage keys"


# --- docker compose config ---------------------------------------------------------------------


def compose_command(docker: str) -> list[str]:
    """`docker compose`, or a standalone docker-compose v2 (on PATH or beside this Python)."""
    probe = subprocess.run([docker, "compose", "version"], capture_output=True, text=True)
    if probe.returncode == 0:
        return [docker, "compose"]
    for candidate in (
        shutil.which("docker-compose"),
        Path(sys.executable).with_name("docker-compose"),
    ):
        if candidate and Path(candidate).is_file():
            out = subprocess.run([str(candidate), "version"], capture_output=True, text=True)
            if out.returncode == 0 and re.search(r"\bv?2\.\d", out.stdout):
                return [str(candidate)]
    # The file's structure is still checked by the tests above; only compose's own parse is
    # left out where no compose is installed (this machine has it: ~/.docker/cli-plugins).
    pytest.skip(
        "the docker CLI has no compose plugin ('docker compose version' failed) and no "
        "docker-compose v2 is on PATH or beside this Python"
    )


def test_docker_compose_config_is_valid_without_warnings(services):
    docker = shutil.which("docker")
    if docker is None:
        pytest.skip("no docker CLI on PATH")
    cmd = compose_command(docker)
    # Only what compose needs to run: no variable of the caller's shell can hide a missing default.
    clean = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "DOCKER_CONFIG")}
    for args in (["config", "--quiet"], ["config", "--services"]):
        out = subprocess.run(
            [*cmd, "-f", str(COMPOSE), *args],
            cwd=ROOT,
            env=clean,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert out.returncode == 0, out.stderr
        assert out.stderr.strip() == "", f"docker compose {' '.join(args)} warned:\n{out.stderr}"
    default_profile = {n for n, s in services.items() if not s.get("profiles")}
    assert set(out.stdout.split()) == default_profile


# --- the Dockerfile ----------------------------------------------------------------------------


def dockerfile_instructions() -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) with continuation lines joined and comments dropped."""
    logical, current = [], ""
    for line in DOCKERFILE.read_text().splitlines():
        if not current and (not line.strip() or line.lstrip().startswith("#")):
            continue
        if line.rstrip().endswith("\\"):
            current += line.rstrip()[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    return [(text.split(None, 1)[0].upper(), text.split(None, 1)[1].strip()) for text in logical]


def pip_installs() -> list[list[str]]:
    """The arguments after `pip install` of every RUN that installs with pip."""
    found = []
    for op, args in dockerfile_instructions():
        if op != "RUN":
            continue
        for command in re.split(r"&&|;", args):
            words = shlex.split(command)
            for i in range(len(words) - 1):
                if words[i].endswith("pip") and words[i + 1] == "install":
                    found.append(words[i + 2 :])
    return found


def option_values(words: list[str], *flags: str) -> list[str]:
    values = []
    for i, word in enumerate(words):
        for flag in flags:
            if word == flag and i + 1 < len(words):
                values.append(words[i + 1])
            elif flag.startswith("--") and word.startswith(flag + "="):
                values.append(word.split("=", 1)[1])
    return values


def name_of(spec: str) -> str:
    return re.split(r"[\s\[<>=!~;@]", spec.strip(), maxsplit=1)[0].lower().replace("_", "-")


def requirement_names() -> set[str]:
    lines = (line.split("#", 1)[0].strip() for line in (ROOT / "requirements.txt").open())
    return {name_of(line) for line in lines if line and not line.startswith("-")}


def constraint_pins() -> dict[str, str]:
    pins = {}
    for line in (ROOT / "constraints.txt").read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if "==" in line:
            name, version = line.split("==", 1)
            pins[name_of(name)] = version.strip()
    return pins


def test_the_dockerfile_installs_requirements_with_the_lock():
    installs = pip_installs()
    locked = [
        words
        for words in installs
        if [Path(p).name for p in option_values(words, "-r", "--requirement")]
        == ["requirements.txt"]
    ]
    assert len(locked) == 1, f"expected one `pip install -r requirements.txt ...`, got {installs}"
    words = locked[0]
    assert [Path(p).name for p in option_values(words, "-c", "--constraint")] == ["constraints.txt"]
    assert "--no-deps" not in words, "the transitive dependencies must come from the lock too"
    # Both files are copied into the image from the project root before that install.
    copied = {
        Path(src).name
        for op, args in dockerfile_instructions()
        if op == "COPY"
        for src in [w for w in shlex.split(args) if not w.startswith("--")][:-1]
    }
    assert {"requirements.txt", "constraints.txt"} <= copied

    # Every requirement the lock pins is installed by that line, none by another one
    # that would bypass the lock.
    pinned = requirement_names() & set(constraint_pins())
    assert {"apache-airflow", "psycopg", "pydantic", "zstandard"} <= pinned
    for other in installs:
        if other is words or option_values(other, "-c", "--constraint"):
            continue
        stray = {name_of(w) for w in other if not w.startswith("-")} & pinned
        assert not stray, f"installed without constraints.txt: {sorted(stray)}"


def test_the_base_image_is_the_locked_airflow_version():
    stages = [args for op, args in dockerfile_instructions() if op == "FROM"]
    # build stages (the React app's node stage) come first; the image is the last stage
    assert all(" AS " in s.upper() for s in stages[:-1]), stages
    base = stages[-1:]
    match = re.fullmatch(
        r"apache/airflow:(?:slim-)?(\d+\.\d+\.\d+)-python(3\.\d+)", base[0].split()[0]
    )
    assert match, f"not an official apache/airflow image with a Python tag: {base[0]}"
    assert match.group(1) == constraint_pins()["apache-airflow"]
    required = (ROOT / "requirements.txt").read_text()
    assert re.search(rf"^apache-airflow=={re.escape(match.group(1))}\s*$", required, flags=re.M)


def test_the_docker_context_leaves_out_local_state_but_not_the_project():
    ignored = [
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    for local in (".venv", ".airvault", ".git"):
        assert local in ignored, f".dockerignore does not exclude {local}"
    for op, args in dockerfile_instructions():
        if op != "COPY" or "--from=" in args:  # (--from: out of a build stage, not the context)
            continue
        for src in [w for w in shlex.split(args) if not w.startswith("--")][:-1]:
            top = src.strip("/").split("/")[0]
            assert top not in ignored, f"the Dockerfile copies {src}, which .dockerignore excludes"
            assert (ROOT / src).exists(), f"the Dockerfile copies {src}, which does not exist"


def test_airflow_init_writes_the_public_key_beside_the_signing_key_and_the_backups(
    services, tmp_path
):
    """The init script's key lines, run as they are (with a local storage root): the signing
    key is made once, its public key lands beside it and beside the backups' root, and a
    second start keeps the key and finds the stored copy matching."""
    from airvault.storage.signing import PUBLIC_KEY_FILE, parse_public_keys, parse_signing_keys
    from tests.airflow_env import write_config

    script = with_defaults("\n".join(argv(services["airflow-init"]["command"])))
    lines = script.splitlines()
    first = next(i for i, line in enumerate(lines) if "signing key: made once" in line)
    last = next(i for i, line in enumerate(lines) if "publish_public_key(" in line)
    keys, root = tmp_path / "keys", tmp_path / "backups"
    keys.mkdir()
    environment = {
        **os.environ,
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "AIRVAULT_SIGNING_KEY_FILE": str(keys / "signing.key"),
        "AIRVAULT_CONFIG": str(write_config(tmp_path / "airvault.yaml", f"file://{root}")),
    }
    environment.pop("AIRVAULT_SIGNING_KEY", None)
    run = ["bash", "-euo", "pipefail", "-c", "\n".join(lines[first : last + 1])]
    done = subprocess.run(run, env=environment, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    made = (keys / "signing.key").read_text()
    done = subprocess.run(run, env=environment, capture_output=True, text=True)  # a restart
    assert done.returncode == 0, done.stderr
    assert (keys / "signing.key").read_text() == made, "a restart replaced the signing key"
    assert "matches" in done.stderr
    writer = parse_signing_keys(made.strip()).writer.id
    beside_key = (keys / "public-key.pem").read_text()
    assert [k.id for k in parse_public_keys(beside_key, "public-key.pem")] == [writer]
    assert (root / PUBLIC_KEY_FILE).read_text().strip() == beside_key.strip()
