"""`sightline serve`, `sightline migrate` and `sightline demo`: the database and the web app."""

import argparse
import sys

from .base import setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("serve", parents=[common], help="serve the web app on 127.0.0.1")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.set_defaults(run=serve)

    p = sub.add_parser("migrate", parents=[common], help="create or update the database tables")
    p.set_defaults(run=migrate)

    p = sub.add_parser(
        "demo", parents=[common], help="set up the demo database, print logins, serve"
    )
    p.add_argument("--no-serve", action="store_true", help="do everything but serve, then exit")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument(
        "--small",
        action="store_true",
        help=(
            "load the small demo county (2,000 generated children and the named stories the "
            "browser tests use) instead of the 185,000-child county"
        ),
    )
    p.add_argument(
        "--population", type=int, default=185_000, help="children aged 0-17 (default 185000)"
    )
    p.set_defaults(run=demo)


def migrate(args: argparse.Namespace) -> int:
    setup_django(args)
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=1)
    return 0


def _serve(port: int, host: str = "127.0.0.1") -> int:
    from waitress import serve

    from config.wsgi import application
    from sightline.performance.selectors import warm_in_background

    warm_in_background()  # the first leader to open the dashboard should not wait for it
    print(f"Sightline is serving on http://{host}:{port}/ (Ctrl+C to stop)", flush=True)
    serve(application, host=host, port=port, threads=8, ident="Sightline")
    return 0


def serve(args: argparse.Namespace) -> int:
    setup_django(args)
    return _serve(args.port, args.host)


def demo(args: argparse.Namespace) -> int:
    setup_django(args)
    from django.core.management import call_command

    from sightline.synth.county.run import CountyExists, build_or_reuse_demo
    from sightline.synth.demo import DEMO_PASSWORD, ensure_demo_data

    from .users import print_users_table

    call_command("migrate", interactive=False, verbosity=0)
    if args.small:
        try:
            created = ensure_demo_data()
        except CountyExists as error:
            print(error, file=sys.stderr)
            return 2
        print("Demo data loaded." if created else "Demo data already present.")
    else:
        try:
            build = build_or_reuse_demo(population=args.population, progress=True)
        except CountyExists as error:
            print(error, file=sys.stderr)
            return 2
        print(f"Synthetic county: {build.how} in {build.seconds:.1f}s.")
    print(f"\nDemo logins (every password is {DEMO_PASSWORD}):")
    print_users_table()
    if args.no_serve:
        return 0
    return _serve(args.port)
