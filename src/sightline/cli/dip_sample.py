"""`sightline dip-sample`: draw last week's dip sample of front-door NFA decisions."""

import argparse

from .base import setup_django


def register(sub, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "dip-sample", parents=[common], help="draw last week's dip sample of NFA decisions"
    )
    p.set_defaults(run=dip_sample)


def dip_sample(args: argparse.Namespace) -> int:
    setup_django(args)
    from sightline.access.actor import Actor
    from sightline.frontdoor.services import draw_last_week

    for line in draw_last_week(Actor.system("Weekly dip sample")):
        print(line)
    return 0
