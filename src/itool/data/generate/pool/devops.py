"""DevOps: deployments, CI, logs, metrics, alerts, incidents, DNS, secrets, servers."""
# ruff: noqa: E501  (a table of declarations: one parameter per line reads best)

import datetime as dt

from itool.data.generate.dsl import (
    Bool,
    Code,
    Custom,
    DateTime,
    Enum,
    Field,
    Int,
    ListOf,
    Measure,
    Obj,
    P,
    Pick,
    Val,
    chain,
    fn,
)
from itool.data.generate.values import EMAIL, FIRST_NAMES, LAST_NAMES, minutes, percent, seconds

SERVICES = ("payments-api", "checkout-web", "auth-service", "search-indexer", "notification-worker", "inventory-api", "billing-cron", "edge-gateway")
REPOS = ("acme/web-frontend", "acme/payments-api", "platform/infra-live", "data/etl-jobs", "mobile/ios-app", "acme/docs-site")
BRANCHES = ("main", "develop", "release/2.4", "feature/login-rate-limit", "hotfix/cart-total", "renovate/node-22")
DOMAINS = ("example.com", "shop.example.org", "acme.io", "status.northwind.co", "api.example.net")
TEAMS = ("platform", "payments", "search", "mobile", "data", "security")
METRIC = Enum("cpu_percent|memory_percent|error_rate|p99_latency_ms|requests_per_second", {"cpu_percent": "CPU|CPU usage", "memory_percent": "memory|memory usage", "error_rate": "error rate", "p99_latency_ms": "p99 latency", "requests_per_second": "request rate|requests per second"})
ENV = Enum("dev|staging|production", {"production": "production|prod", "dev": "dev|development"})
SERVICE_P = P("service", "Service name, e.g. payments-api.", Pick(SERVICES), "for {}|for the {} service", ask="Which service?")
ENV_P = P("environment", "Target environment.", ENV, "in {}|on {}", ask="Which environment: dev, staging or production?")


def _version(rng):
    value = f"v{rng.randint(1, 4)}.{rng.randint(0, 30)}.{rng.randint(0, 12)}"
    return Val(value, value)


def _ipv4(rng):
    value = rng.choice(("203.0.113", "198.51.100", "192.0.2")) + f".{rng.randint(2, 254)}"
    return Val(value, value)


VERSION = Custom({"type": "string"}, _version)
VARIABLES = (("DEPLOY_TARGET", ("staging", "canary", "production")), ("LOG_LEVEL", ("debug", "info", "warn")), ("SKIP_E2E", ("true", "false")), ("NODE_VERSION", ("20", "22")), ("FEATURE_FLAGS", ("beta-checkout", "new-search")))


def _pipeline_vars(rng):
    """One or two variables, each with a value that suits its name: "LOG_LEVEL=debug"."""
    chosen = rng.sample(VARIABLES, rng.randint(1, 2))
    pairs = [(name, rng.choice(values)) for name, values in chosen]
    return Val([{"name": n, "value": v} for n, v in pairs], " and ".join(f"{n}={v}" for n, v in pairs))


PIPELINE_VARS = Custom({"type": "array", "items": {"type": "object", "properties": {"name": {"type": "string", "description": "Variable name."}, "value": {"type": "string", "description": "Variable value."}}, "required": ["name", "value"]}}, _pipeline_vars)


def _releases(rng, a):
    parts: set[tuple[int, int, int]] = set()
    while len(parts) < 3:
        parts.add((rng.randint(1, 3), rng.randint(0, 30), rng.randint(0, 9)))
    parts = sorted(parts, reverse=True)
    return {"service": a["service"], "environment": a["environment"], "releases": [{"version": f"v{x}.{y}.{z}", "deployed_at": f"2025-06-{28 - 6 * i:02d}T{10 + i}:00", "status": "active" if i == 0 else "superseded"} for i, (x, y, z) in enumerate(parts)]}


def _build(rng, a):
    status = rng.choice(("passed", "failed", "running"))
    return {"build_id": a["build_id"], "status": status, "duration_seconds": rng.randint(40, 1800), "failed_step": rng.choice(("unit-tests", "lint", "docker-build", "integration-tests")) if status == "failed" else None}


def _logs(rng, a):
    return {"service": a["service"], "matches": rng.randint(1, 400), "first_match": f"2025-06-{rng.randint(1, 28):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}:12Z", "sample": f"{a['query']} while calling upstream (attempt 3/3)"}


def _metrics(rng, a):
    metric = a["metric"]
    value = {"cpu_percent": rng.randint(5, 98), "memory_percent": rng.randint(20, 95), "error_rate": round(rng.uniform(0, 4), 2), "p99_latency_ms": rng.randint(40, 2400), "requests_per_second": rng.randint(5, 9000)}[metric]
    return {"service": a["service"], "metric": metric, "value": value, "replicas": rng.randint(2, 8)}


def _certificate(rng, a):
    days_left = rng.randint(1, 89)
    expires = dt.date(2025, 6, 28) + dt.timedelta(days=days_left)
    return {"domain": a["domain"], "issuer": rng.choice(("Let's Encrypt", "DigiCert", "Sectigo", "GlobalSign")), "days_left": days_left, "expires": expires.isoformat()}


def _on_call(rng, a):
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    local = "".join(ch for ch in f"{first}.{last}".lower() if ch.isascii() and (ch.isalnum() or ch == "."))
    return {"team": a["team"], "name": f"{first} {last}", "email": f"{local}@example.com", "until": "2025-06-30T09:00"}


FUNCTIONS = [
    fn("deploy_service", "Deploy a version of a service to an environment with a rollout strategy.",
       [SERVICE_P, P("version", "Version tag to deploy, e.g. v2.14.3.", VERSION, "version {}|at {}", ask="Which version should I deploy?", axis=False), ENV_P,
        P("strategy", "Rollout strategy.", Enum("rolling|blue_green|canary", {"blue_green": "blue-green"}), "as a {} deploy|using a {} rollout").opt("rolling"),
        P("replicas", "Number of instances after the deploy.", Int(1, 20), "with {} replicas|on {} instances").opt()],
       "deploy a service|ship a release",
       "Deploy {service} {version} to {environment}{+}.|Ship {version} of {service} to {environment}{+}.|Roll out {service} {version} on {environment}{+}."),
    fn("getBuildStatus", "Status of a CI build: passed, failed or running, its duration and the step that failed.",
       [P("build_id", "Build identifier, e.g. BLD-48213.", Code("BLD-#####"), "for build {}|for {}", "build ID", "Which build (its ID)?")],
       "check a build's status|see whether a CI build passed",
       "Did build {build_id} pass?|What's the status of {build_id}?|Is {build_id} still running?",
       returns=_build, answer="Build {build_id} {status} after {duration_seconds} seconds.|{build_id}: {status} ({duration_seconds}s)."),
    fn("ci.trigger_pipeline", "Start a CI pipeline on a branch of a repository, with optional pipeline variables.",
       [P("repository", "Repository as owner/name.", Pick(REPOS), "for {}|in {}", ask="Which repository?"),
        P("branch", "Branch to build.", Pick(BRANCHES, quote=0.3), "on {}|on branch {}", ask="Which branch?"),
        P("variables", "Pipeline variables.", PIPELINE_VARS, "with {}|setting {}").opt(),
        P("run_tests", "Whether to run the test stage.", Bool("with tests|running the tests", "skipping tests|without the test stage"), "{}").opt(True)],
       "trigger a CI pipeline|start a build",
       "Run the pipeline for {repository} on {branch}{+}.|Kick off a build of {repository} on branch {branch}{+}.|Trigger CI on {branch} in {repository}{+}."),
    fn("Container Log Search", "Search a service's container logs for a text over a recent window. Returns the number of matching lines, the first match time and a sample line.",
       [SERVICE_P, P("query", "Text to search for.", Pick(("connection refused", "OutOfMemoryError", "timeout", "status=500", "deadlock detected", "certificate expired"), quote=0.7), "for {}|containing {}", "search text", "What should I search the logs for?"),
        P("since_minutes", "How far back to search, in minutes.", minutes(60, 1440, 60), "in the last {}|over the past {}").opt(60),
        P("level", "Lowest log level.", Enum("debug|info|warn|error"), "at {} level or above").opt(),
        P("limit", "Maximum lines returned.", Int(10, 500, 10), "returning at most {} lines").opt(100)],
       "search the container logs|grep a service's logs",
       "Search {service} logs for {query}{+}.|Any {query} in the {service} logs{+}?|Grep {service} for {query}{+}.",
       returns=_logs, answer="{matches} log lines from {service} match; the first at {first_match}: \"{sample}\"."),
    fn("scaleDeployment", "Set the number of replicas of a Kubernetes deployment.",
       [P("deployment", "Deployment name.", Pick(SERVICES), "{}|for {}", ask="Which deployment?"),
        P("replicas", "Desired replica count.", Int(0, 30), "to {} replicas|at {} replicas", ask="How many replicas?"),
        P("namespace", "Kubernetes namespace.", Pick(("default", "prod", "staging", "payments", "monitoring")), "in namespace {}|in the {} namespace").opt("default")],
       "scale a deployment|change the replica count",
       "Scale {deployment} to {replicas} replicas{+}.|Set {deployment} to {replicas} pods{+}.|I need {replicas} replicas of {deployment}{+}."),
    fn("list_releases", "Recent releases of a service in an environment, newest first, with version, deploy time and status.",
       [SERVICE_P, ENV_P, P("limit", "How many releases.", Int(2, 20), "showing the last {}|limited to {} releases").opt(5)],
       "list recent releases|see what's been deployed",
       "What versions of {service} are in {environment}{+}?|List the releases of {service} in {environment}{+}.|What's deployed for {service} on {environment}{+}?",
       returns=_releases, answer="{service} in {environment} runs {releases[0][version]} (since {releases[0][deployed_at]}); before that {releases[1][version]}."),
    fn("rollback_release", "Roll a service in an environment back to an earlier version.",
       [SERVICE_P, ENV_P, P("to_version", "Version to return to, e.g. v2.13.0.", VERSION, "to {}", "target version", "Which version should I roll back to?"),
        P("reason", "Why, for the audit log.", Pick(("error spike after deploy", "failed health checks", "memory leak", "customer-facing bug"), quote=0.4), "because of {}|citing {}").opt()],
       "roll back a release|revert a deployment",
       "Roll {service} in {environment} back to {to_version}{+}.|Revert {service} on {environment} to {to_version}{+}.|Roll back {service} to {to_version} in {environment}{+}."),
    fn("create_alert_rule", "Create a monitoring alert that fires when a service metric crosses a threshold for some minutes.",
       [P("name", "Rule name.", Pick(("High CPU", "Error spike", "Slow checkout", "Memory pressure", "Traffic drop"), quote=0.6), "called {}|named {}", ask="What should the alert be called?", axis=False),
        SERVICE_P, P("metric", "Metric to watch; all are percentages.", Enum("cpu_percent|memory_percent|disk_percent|error_rate_percent", {"cpu_percent": "CPU|CPU usage", "memory_percent": "memory|memory usage", "disk_percent": "disk usage", "error_rate_percent": "error rate"}), "on {}|watching {}", ask="Which metric?"),
        P("comparison", "Fire when the metric is above or below the threshold.", Enum("above|below"), "when it goes {}|if it is {}", axis=False),
        P("threshold", "Threshold in percent.", percent(1, 95, 0.5), "{}|a threshold of {}", ask="What threshold?"),
        P("for_minutes", "Minutes the condition must last.", Int(1, 30, words_p=0.3), "for {} minutes|lasting {} minutes").opt(5),
        P("notify", "Channels to notify.", ListOf(Pick(("#ops-alerts", "#payments-oncall", "pagerduty", "ops@example.com")), 1, 2), "notifying {}|and page {}").opt()],
       "create an alert rule|set up monitoring alerts",
       "Alert me when {metric} of {service} goes {comparison} {threshold}{+}; call it {name}.|Create an alert {name} on {service}: {metric} {comparison} {threshold}{+}.|Set up {name} for {service}, firing when {metric} is {comparison} {threshold}{+}."),
    fn("getServiceMetrics", "Current value of a service metric averaged over a window, with the replica count.",
       [SERVICE_P, P("metric", "Metric to read.", METRIC, "for {}|showing {}", ask="Which metric?"),
        P("window_minutes", "Averaging window in minutes.", minutes(5, 120, 5), "over the last {}|averaged over {}").opt(15)],
       "check a service's metrics|see how a service is performing",
       "What's the {metric} of {service}{+}?|Show {metric} for {service}{+}.|How is {service} doing on {metric}{+}?",
       returns=_metrics, answer="{service}: {metric} = {value} across {replicas} replicas."),
    fn("Incident Creator", "Open an incident with a severity, affected services and an assignee.",
       [P("title", "Short incident title.", Pick(("Checkout failing for EU users", "Login latency above 5s", "Payments webhook backlog", "Search returns empty results", "Elevated 502s at the edge"), quote=0.8), "titled {}|called {}", ask="What's the incident title?", axis=False),
        P("severity", "Severity, sev1 (worst) to sev4.", Enum("sev1|sev2|sev3|sev4", {"sev1": "SEV1|sev 1", "sev2": "SEV2|sev 2", "sev3": "SEV3|sev 3", "sev4": "SEV4|sev 4"}), "at {}|as {}", ask="What severity (sev1-sev4)?", axis=False),
        P("affected_services", "Services affected.", ListOf(Pick(SERVICES), 1, 3), "affecting {}|for {}").opt(),
        P("assignee", "Email of the incident commander.", EMAIL, "assigned to {}|with {} in charge").opt()],
       "open an incident|declare an incident",
       "Open a {severity} incident titled {title}{+}.|Declare an incident: {title}, {severity}{+}.|Create a {severity} incident {title}{+}."),
    fn("dns.update_a_record", "Create or update a DNS A record pointing a host name in a zone to an IPv4 address.",
       [P("zone", "DNS zone (domain).", Pick(DOMAINS), "in {}|for {}", ask="Which domain?"),
        P("host", "Host label within the zone; @ for the apex.", Pick(("www", "api", "app", "mail", "@", "staging", "cdn")), "for host {}|for {}", ask="Which host name?"),
        P("ipv4", "IPv4 address to point to.", Custom({"type": "string"}, _ipv4), "to {}|pointing to {}", "IP address", "Which IP address should it point to?"),
        P("ttl_seconds", "Time to live in seconds.", seconds(300, 3600, 300), "with a TTL of {}|and a TTL of {}", "TTL").opt(3600)],
       "update a DNS record|point a domain at a server",
       "Point {host} in {zone} to {ipv4}{+}.|Set the A record for {host} in {zone} to {ipv4}{+}.|Update DNS: {host} in {zone} should resolve to {ipv4}{+}."),
    fn("secrets.rotate", "Rotate a secret in the secrets manager and optionally restart the services that use it.",
       [P("path", "Secret path, e.g. prod/db/password.", Pick(("prod/db/password", "prod/stripe/api-key", "staging/redis/auth", "prod/smtp/password", "shared/github/deploy-key"), quote=0.5), "{}|at {}", "secret path", "Which secret (its path)?"),
        P("restart_consumers", "Restart services that read the secret.", Bool("restarting the services that use it|restarting whatever uses it", "without restarting anything|no restarts"), "{}").opt(False)],
       "rotate a secret|change a credential",
       "Rotate {path}{+}.|Please rotate the secret {path}{+}.|Time to rotate {path}{+}.",
       returns=lambda rng, a: {"path": a["path"], "new_version": rng.randint(2, 60), "rotated_at": "2025-06-28T14:03:11Z"},
       answer="{path} is now at version {new_version} (rotated {rotated_at})."),
    fn("provision_vm", "Create a virtual machine with a size, disk and network settings.",
       [P("name", "Machine name.", Pick(("build-runner-03", "db-replica-2", "bastion-eu", "ml-worker-1", "cache-01")), "called {}|named {}", ask="What should the VM be called?", axis=False),
        P("region", "Cloud region.", Enum("eu-west|eu-central|us-east|us-west|ap-south|ap-northeast", {"eu-west": "eu-west|Western Europe", "us-east": "us-east|US East"}), "in {}", ask="Which region?"),
        P("size", "Instance size.", Enum("small|medium|large|xlarge", {"xlarge": "extra large|xlarge"}), "of size {}|sized {}", ask="Which size: small, medium, large or xlarge?"),
        P("disk_gb", "Boot disk size in GB.", Measure(20, 2000, 10, [(1, "{} GB"), (1, "{}GB"), (1, "{} gigabytes")]), "with {} of disk|and a {} disk").opt(50),
        P("network", "Network settings.", Obj([Field("vpc_id", "VPC to attach to.", Code("vpc-#####")), Field("public_ip", "Whether to give it a public IP.", Bool("with a public IP", "private only")), Field("open_ports", "Inbound TCP ports to open.", ListOf(Enum((22, 80, 443, 5432, 6379, 8080)), 1, 3), "opening ports {}", 0.7)], sep=", "), "on {}|in network {}").opt()],
       "provision a virtual machine|spin up a server",
       "Spin up a {size} VM called {name} in {region}{+}.|Create a {size} server {name} in {region}{+}.|Provision {name}: {size}, {region}{+}."),
    fn("check_ssl_certificate", "Check a domain's TLS certificate: issuer, expiry date and days left.",
       [P("domain", "Domain name.", Pick(DOMAINS), "for {}|on {}", ask="Which domain?")],
       "check an SSL certificate|see when a certificate expires",
       "When does the certificate for {domain} expire?|Check the SSL cert on {domain}.|Is {domain}'s TLS certificate still valid?",
       returns=_certificate,
       answer="The certificate for {domain} ({issuer}) expires on {expires}, in {days_left} days."),
    fn("oncall.current", "Who is on call for a team now or at a given time, with their email.",
       [P("team", "Team name.", Pick(TEAMS), "for {}|on the {} team", ask="Which team?"), P("at", "Moment to check, YYYY-MM-DDTHH:MM; now when omitted.", DateTime(), "on {}|at {}").opt()],
       "find out who is on call|check the on-call rota",
       "Who's on call for {team}{+}?|Who is the {team} on-call{+}?|Check the {team} on-call rota{+}.",
       returns=_on_call, answer="{name} ({email}) is on call for {team} until {until}."),
]

CHAINS = [
    chain("list_releases", "rollback_release", {"to_version": lambda res: res["releases"][1]["version"]},
          "List the releases of {service} in {environment} and roll back to the one before the current version.|{service} on {environment} is broken: check its releases and revert to the previous one."),
    chain("oncall.current", "Incident Creator", {"assignee": "email"},
          "Find who's on call for {team} and open a {severity} incident titled {title} assigned to them.|Open a {severity} incident {title} and assign it to whoever is on call for {team}; look them up first."),
    chain("getServiceMetrics", "scaleDeployment", {"deployment": "service", "replicas": lambda res: res["replicas"] * 2},
          "Check the {metric} of {service} and double its replicas.|Look at {service}'s {metric}, then scale it to twice its current replica count."),
]
