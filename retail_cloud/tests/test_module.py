# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class RetailCloudTestCase(CompanyTestMixin, ModuleTestCase):
    "Test Retail Cloud module"
    module = 'retail_cloud'


del ModuleTestCase
