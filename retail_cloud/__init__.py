# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
# The counter's and the channels' routes join the server's as soon as the
# module is imported
from . import channel_web, counter_web

__all__ = [channel_web, counter_web]
