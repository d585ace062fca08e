# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
from trytond.modules.company.tests import CompanyTestMixin
from trytond.tests.test_tryton import ModuleTestCase


class RetailCloudTestCase(CompanyTestMixin, ModuleTestCase):
    "Test Retail Cloud module"
    module = 'retail_cloud'

    @property
    def _skip_company_rule(self):
        # sale_point computes a transfer's company from its point, without
        # a searcher: its company rule goes through the point
        return super()._skip_company_rule | {
            ('sale.point.cash.transfer', 'company'),
            }


del ModuleTestCase
