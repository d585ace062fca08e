# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""How much of ours is trytond checking its records: the CPU time of the
outermost ModelStorage._validate calls (domains, required fields, digits,
selections of each created or written record) during the timed work of
another benchmark, ours only, without the profiler's overhead.

    .venv/bin/python bench/validation.py pos --sales 200 --ours-only \\
        --uri postgresql://postgres@127.0.0.1:5432/
    .venv/bin/python bench/validation.py channel_orders --orders 200 \\
        --batch 50 --skip-vanilla --skip-memory --uri ...

pos: the one cashier's checkouts (warm-up included), not the forked
cashiers; channel_orders: ChannelOrder.take() of each batch.
"""
import sys
import time

import common

TIMED = {
    'pos': 'one_cashier',
    'channel_orders': 'ours',
    }


class ValidationClock:
    "CPU seconds in the timed work, and in trytond's checks within it"

    def __init__(self):
        self.installed = self.timing = False
        self.depth = 0
        self.work = self.checks = 0.0

    def install(self):
        from trytond.model.modelstorage import ModelStorage
        validate = ModelStorage._validate.__func__
        clock = self

        def timed_validate(cls, records, field_names=None):
            # Nested checks are counted in their caller's
            if not clock.timing or clock.depth:
                return validate(cls, records, field_names)
            clock.depth += 1
            started = time.process_time()
            try:
                return validate(cls, records, field_names)
            finally:
                clock.checks += time.process_time() - started
                clock.depth -= 1
        ModelStorage._validate = classmethod(timed_validate)

    def timed(self, function):
        def wrapper(*args, **kwargs):
            # trytond is imported by now, with the benchmark's database
            if not self.installed:
                self.install()
                self.installed = True
            self.timing = True
            started = time.process_time()
            try:
                return function(*args, **kwargs)
            finally:
                self.work += time.process_time() - started
                self.timing = False
        return wrapper

    def report(self):
        if self.work:
            print("validation: %.1f s of %.1f s of CPU in the timed work "
                "(%.0f%%)" % (
                    self.checks, self.work, 100 * self.checks / self.work))


def main():
    if len(sys.argv) < 2 or sys.argv[1] not in TIMED:
        raise SystemExit("usage: validation.py {%s} [its options]"
            % ','.join(TIMED))
    common.run_as_server()
    name = sys.argv.pop(1)
    bench = __import__(name)
    clock = ValidationClock()
    setattr(bench, TIMED[name], clock.timed(getattr(bench, TIMED[name])))
    try:
        bench.main()
    finally:
        clock.report()


if __name__ == '__main__':
    main()
