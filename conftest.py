# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Collect the modules' scenario_*.rst doctests as pytest items, run the
way Tryton runs them (fresh database per scenario, Tryton's checker)."""
import doctest
import io
import os
import unittest

import pytest


def pytest_collect_file(parent, file_path):
    if file_path.suffix == '.rst' and file_path.name.startswith('scenario'):
        return ScenarioFile.from_parent(parent, path=file_path)


class ScenarioFile(pytest.File):
    def collect(self):
        yield ScenarioItem.from_parent(self, name=self.path.stem)


class ScenarioItem(pytest.Item):
    def runtest(self):
        from trytond import backend
        from trytond.tests.test_tryton import (
            STRIP_DECIMAL, doctest_checker, doctest_setup, doctest_teardown)
        optionflags = (
            doctest.REPORT_ONLY_FIRST_FAILURE
            | doctest.ELLIPSIS
            | doctest.IGNORE_EXCEPTION_DETAIL)
        if backend.name == 'sqlite':
            optionflags |= STRIP_DECIMAL
        if os.environ.get('SCENARIO_ALL_FAILURES'):
            # While writing a scenario: every mismatch in one run
            optionflags &= ~doctest.REPORT_ONLY_FIRST_FAILURE
        suite = doctest.DocFileSuite(
            str(self.path), module_relative=False,
            setUp=doctest_setup, tearDown=doctest_teardown,
            encoding='utf-8', checker=doctest_checker,
            optionflags=optionflags)
        output = io.StringIO()
        result = unittest.TextTestRunner(stream=output, verbosity=0).run(
            suite)
        if not result.wasSuccessful():
            raise ScenarioFailure(output.getvalue())

    def repr_failure(self, excinfo):
        if isinstance(excinfo.value, ScenarioFailure):
            return str(excinfo.value)
        return super().repr_failure(excinfo)

    def reportinfo(self):
        return self.path, 0, "scenario: %s" % self.name


class ScenarioFailure(Exception):
    pass
