# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
import datetime as dt
from decimal import Decimal

import polib

from trytond.modules.account.tests import create_chart, get_fiscalyear
from trytond.modules.company.tests import create_company, set_company
from trytond.pool import Pool
from trytond.tests.test_tryton import ModuleTestCase, with_transaction
from trytond.tools import file_open
from trytond.transaction import Transaction

TRANSLATED = {
    'account.account.template': ['name'],
    'account.account.type.template': ['name'],
    'account.tax.code.template': ['name'],
    'account.tax.group': ['name'],
    'account.tax.template': ['name', 'description'],
    }


class AccountCNTestCase(ModuleTestCase):
    "Test Account CN module"
    module = 'account_cn'

    def get_account(self, company, code):
        pool = Pool()
        Account = pool.get('account.account')
        account, = Account.search([
                ('company', '=', company.id),
                ('code', '=', code),
                ])
        return account

    def check_chart(self, company, chart, revenue, expense):
        pool = Pool()
        Account = pool.get('account.account')
        AccountTemplate = pool.get('account.account.template')
        Type = pool.get('account.account.type')
        Tax = pool.get('account.tax')
        Configuration = pool.get('account.configuration')
        ModelData = pool.get('ir.model.data')

        root = ModelData.get_id('account_cn', 'root_' + chart)
        self.assertEqual(
            Account.search_count([('company', '=', company.id)]),
            AccountTemplate.search_count([('parent', 'child_of', [root])]))

        def account(code):
            return self.get_account(company, code)

        cash = account('1001')
        self.assertEqual(cash.type.statement, 'balance')
        self.assertTrue(cash.type.assets)
        self.assertFalse(cash.closed)
        for code in ['1002', '1012', '2221']:
            self.assertTrue(account(code).closed)
            self.assertTrue(account(code).childs)
        for code in ['100201', '101201', '101202', '101203', '101204']:
            self.assertEqual(account(code).type, cash.type)
            self.assertFalse(account(code).closed)
        for code in ['1122', '112201']:
            receivable = account(code)
            self.assertTrue(receivable.type.receivable)
            self.assertTrue(receivable.party_required)
            self.assertTrue(receivable.reconcile)
        for code in ['1221', '2241', '2203']:
            self.assertTrue(account(code).party_required)
            self.assertTrue(account(code).reconcile)
        stock = account('1405')
        self.assertTrue(stock.type.stock)
        self.assertEqual(stock.type.statement, 'balance')
        payable = account('2202')
        self.assertTrue(payable.type.payable)
        self.assertTrue(payable.party_required)
        self.assertTrue(payable.reconcile)
        for code in ['222101', '222102', '222103', '222104', '222105']:
            self.assertEqual(account(code).parent, account('2221'))
            self.assertEqual(account(code).type.statement, 'balance')
        self.assertTrue(account(revenue).type.revenue)
        self.assertEqual(account(revenue).type.statement, 'income')
        self.assertTrue(account(expense).type.expense)
        self.assertTrue(account(expense).type.stock)
        self.assertEqual(account(expense).type.statement, 'income')

        balance_sheet = Type.search([
                ('company', '=', company.id),
                ('statement', '=', 'balance'),
                ('parent.statement', '=', None),
                ])
        self.assertEqual(
            [t.name for t in balance_sheet],
            ["Assets", "Liabilities and Owners' Equity"])
        income_statement, = Type.search([
                ('company', '=', company.id),
                ('statement', '=', 'income'),
                ('parent.statement', '!=', 'income'),
                ])
        self.assertEqual(income_statement.name, "Net Profit")

        taxes = Tax.search([('company', '=', company.id)])
        self.assertEqual(len(taxes), 10)
        for tax in taxes:
            self.assertEqual(tax.type, 'percentage')
            self.assertEqual(tax.invoice_account.parent, account('2221'))
            self.assertEqual(tax.credit_note_account, tax.invoice_account)

        configuration = Configuration(1)
        self.assertEqual(
            configuration.default_account_receivable, account('1122'))
        self.assertEqual(configuration.default_account_payable, payable)

    @with_transaction()
    def test_create_chart_small(self):
        "Create chart of small business enterprises"
        company = create_company()
        with set_company(company):
            create_chart(company, chart='account_cn.root_small')
            self.check_chart(company, 'small', revenue='5001', expense='5401')

            self.assertEqual(self.get_account(company, '3001').name,
                "Paid-in Capital")
            for code, type_ in [
                    ('1403', "Raw Materials"),
                    ('4001', "Work in Progress"),
                    ('1405', "Merchandise Inventory"),
                    ('1411', "Revolving Materials"),
                    ]:
                account = self.get_account(company, code)
                self.assertEqual(account.type.name, type_)
                self.assertEqual(account.type.parent.name, "Inventories")
                self.assertTrue(account.type.stock)
            for code in ['560101', '560102', '560301']:
                self.assertTrue(self.get_account(company, code).type.expense)

    @with_transaction()
    def test_create_chart_enterprise(self):
        "Create chart of business enterprises"
        company = create_company()
        with set_company(company):
            create_chart(company, chart='account_cn.root_enterprise')
            self.check_chart(
                company, 'enterprise', revenue='6001', expense='6401')

            self.assertEqual(self.get_account(company, '4001').name,
                "Paid-in Capital")
            impairment = self.get_account(company, '1471')
            self.assertEqual(impairment.type.parent.name, "Inventories")
            contract = self.get_account(company, '2205')
            self.assertEqual(contract.type.name, "Contract Liabilities")
            self.assertTrue(contract.party_required)
            for code in ['6601', '6602', '6603', '6701', '6711', '6801']:
                self.assertTrue(self.get_account(company, code).type.expense)
            for code in ['660101', '660102', '660301']:
                self.assertTrue(self.get_account(company, code).type.expense)

    @with_transaction()
    def test_tax_included_price(self):
        "Compute VAT from tax-included prices"
        pool = Pool()
        Tax = pool.get('account.tax')
        today = dt.date.today()

        for chart in ['small', 'enterprise']:
            company = create_company(name=chart)
            with set_company(company):
                create_chart(company, chart='account_cn.root_' + chart)
                for rate, account in [
                        ('13', '222101'), ('9', '222101'), ('6', '222101'),
                        ('3', '222105'), ('1', '222105')]:
                    tax, = Tax.search([
                            ('company', '=', company.id),
                            ('group.kind', '=', 'sale'),
                            ('rate', '=', Decimal(rate) / 100),
                            ])
                    price = Tax.reverse_compute(
                        Decimal(100 + int(rate)), [tax], today)
                    self.assertEqual(price, Decimal(100))
                    line, = Tax.compute([tax], price, 1, today)
                    self.assertEqual(line['base'], Decimal(100))
                    self.assertEqual(line['amount'], Decimal(rate))
                    self.assertEqual(
                        line['tax'].invoice_account.code, account)

                purchase_13, = Tax.search([
                        ('company', '=', company.id),
                        ('group.kind', '=', 'purchase'),
                        ('rate', '=', Decimal('0.13')),
                        ])
                self.assertEqual(
                    purchase_13.invoice_account.code, '222102')
                self.assertEqual(
                    Tax.reverse_compute(Decimal(113), [purchase_13], today),
                    Decimal(100))

    @with_transaction()
    def test_statements(self):
        "Balance sheet and income statement of a POS sale"
        pool = Pool()
        Type = pool.get('account.account.type')
        Journal = pool.get('account.journal')
        Move = pool.get('account.move')

        company = create_company()
        with set_company(company):
            create_chart(company, chart='account_cn.root_small')
            fiscalyear = get_fiscalyear(company)
            fiscalyear.save()
            fiscalyear.create_period([fiscalyear])
            period = fiscalyear.periods[0]
            journal, = Journal.search([('code', '=', 'REV')])

            def account(code):
                return self.get_account(company, code)
            move = Move(
                period=period, journal=journal, date=period.start_date)
            move.lines = [
                {'account': account('101201'), 'debit': Decimal(60)},
                {'account': account('101202'), 'debit': Decimal(33)},
                {'account': account('1001'), 'debit': Decimal(20)},
                {'account': account('5001'), 'credit': Decimal(100)},
                {'account': account('222101'), 'credit': Decimal(13)},
                {'account': account('5401'), 'debit': Decimal(70)},
                {'account': account('1405'), 'credit': Decimal(70)},
                ]
            move.save()
            Move.post([move])

            def amounts(**context):
                with Transaction().set_context(**context):
                    return {t.template.id: t.amount for t in Type.search([
                                ('company', '=', company.id)])}

            def type_(name):
                return pool.get('ir.model.data').get_id(
                    'account_cn', 'small_type_' + name)

            balance = amounts(cumulate=True, date=period.end_date)
            self.assertEqual(balance[type_('cash')], Decimal(113))
            self.assertEqual(balance[type_('merchandise')], Decimal(-70))
            self.assertEqual(balance[type_('assets')], Decimal(43))
            self.assertEqual(balance[type_('taxes_payable')], Decimal(13))
            self.assertEqual(
                balance[type_('liabilities_equity')], Decimal(43))

            income = amounts(fiscalyear=fiscalyear.id)
            self.assertEqual(
                income[type_('operating_revenue')], Decimal(100))
            self.assertEqual(income[type_('operating_costs')], Decimal(-70))
            self.assertEqual(income[type_('net_profit')], Decimal(30))

    @with_transaction()
    def test_create_chart_languages(self):
        "Create chart in the language of the user"
        pool = Pool()
        Lang = pool.get('ir.lang')
        User = pool.get('res.user')
        ModelData = pool.get('ir.model.data')
        CreateChart = pool.get('account.create_chart', type='wizard')
        Tax = pool.get('account.tax')
        TaxCode = pool.get('account.tax.code')

        zh, = Lang.search([('code', '=', 'zh_CN')])
        Lang.load_translations([zh])
        en, = Lang.search([('code', '=', 'en')])

        for lang, names in [
                (zh, ["库存现金", "货币资金", "资产类", "销项税额 13%",
                        "增值税 13%", "增值税销项", "销项税额 13%"]),
                (en, ["Cash on Hand", "Monetary Funds", "Assets",
                        "Output VAT 13%", "VAT 13%", "VAT on Sales",
                        "Output VAT 13%"]),
                ]:
            company = create_company(name=lang.code)
            User.write([User(Transaction().user)], {'language': lang.id})
            with set_company(company):
                # Run as the client does, the template is set from data
                session_id, _, _ = CreateChart.create()
                CreateChart.execute(session_id, {
                        'account': {
                            'account_template': ModelData.get_id(
                                'account_cn', 'root_small'),
                            'company': company.id,
                            },
                        }, 'create_account')
                CreateChart.delete(session_id)

                cash = self.get_account(company, '1001')
                tax, = Tax.search([
                        ('company', '=', company.id),
                        ('template', '=', ModelData.get_id(
                                'account_cn', 'small_vat_sale_13')),
                        ])
                tax_code, = TaxCode.search([
                        ('company', '=', company.id),
                        ('template', '=', ModelData.get_id(
                                'account_cn', 'small_tax_code_output_vat_13')),
                        ])
                self.assertEqual([
                        cash.name, cash.type.name, cash.parent.name,
                        tax.name, tax.description, tax.group.name,
                        tax_code.name,
                        ], names)

    @with_transaction()
    def test_translations(self):
        "Every template of the module has a Chinese name"
        pool = Pool()
        ModelData = pool.get('ir.model.data')

        with file_open('account_cn/locale/zh_CN.po') as fp:
            entries = polib.pofile(fp.read())
        translated = {e.msgctxt for e in entries
            if e.msgstr and not e.fuzzy and not e.obsolete}
        self.assertEqual(len(translated), len(entries))

        expected = set()
        for data in ModelData.search([('module', '=', 'account_cn')]):
            for field in TRANSLATED.get(data.model, []):
                expected.add('model:%s,%s:%s' % (
                        data.model, field, data.fs_id))
                Model = pool.get(data.model)
                self.assertTrue(Model._fields[field].translate)
        self.assertEqual(translated, expected)


del ModuleTestCase
