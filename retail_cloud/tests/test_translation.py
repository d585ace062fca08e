# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Check that locale/override/zh_CN.po really fills the zh_CN translations
that are missing from the official Tryton modules."""
import os
import unittest

import polib

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    activate_module, drop_db, with_transaction)
from trytond.transaction import Transaction

LANG = 'zh_CN'
OVERRIDE_PO = os.path.join(
    os.path.dirname(os.path.dirname(__file__)),
    'locale', 'override', LANG + '.po')
# types for which override_translation() also matches on the source text
SRC_TYPES = {'report', 'view', 'wizard_button', 'selection'}
# modules whose menus a store user works with
STORE_MENU_MODULES = [
    'sale', 'sale_point', 'stock', 'product', 'party', 'account', 'purchase',
    'retail_cloud']
# menu names that stay as they are in Chinese (proper names, acronyms)
MENU_NAMES_KEPT = set()


class RetailCloudTranslationTestCase(unittest.TestCase):
    "Test Retail Cloud zh_CN translation overrides"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_db()
        # zh_CN is made translatable before any module is loaded so the
        # official zh_CN.po files and then the override file are imported
        activate_module(['retail_cloud'], lang=LANG)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        drop_db()

    def _field(self, model, field, language=LANG):
        with Transaction().set_context(language=language):
            Model = Pool().get(model)
            return Model.fields_get([field])[field]

    def _record_name(self, module, fs_id, model, field='name'):
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Model = pool.get(model)
        db_id = ModelData.get_id(module, fs_id)
        with Transaction().set_context(language=LANG):
            record, = Model.read([db_id], [field])
        return record[field]

    @with_transaction()
    def test_sale_point_screens(self):
        "POS model, field, selection and menu are in Chinese"
        state = self._field('sale.point.sale', 'state')
        self.assertEqual(state['string'], '状态')
        selection = dict(state['selection'])
        self.assertEqual(selection['open'], '进行中')
        self.assertEqual(selection['posted'], '已过账')
        self.assertEqual(selection['cancelled'], '已取消')
        self.assertEqual(
            self._field('sale.point.cash.session', 'start_amount')['string'],
            '起始金额')
        self.assertEqual(
            self._field('sale.point.sale.line', 'unit_gross_price')['string'],
            '含税单价')
        self.assertEqual(
            self._record_name('sale_point', 'menu_point_form', 'ir.ui.menu'),
            '收银台')
        self.assertEqual(
            self._record_name(
                'sale_point', 'menu_cash_session_form', 'ir.ui.menu'),
            'POS 收银班次')
        with Transaction().set_context(language=LANG):
            self.assertEqual(
                gettext('sale_point.msg_point_cash_session_open_unique'),
                '每个收银台同时只能有一个已开启的收银班次。')
            Model = Pool().get('ir.model')
            model, = Model.search([('name', '=', 'sale.point.sale')])
            self.assertEqual(Model(model.id).string, '收银台销售')

    @with_transaction()
    def test_lot_and_shelf_life(self):
        "Lot expiration fields are in Chinese"
        self.assertEqual(
            self._field('stock.lot', 'expiration_date')['string'], '到期日期')
        self.assertEqual(
            self._field('product.template', 'shelf_life_time')['string'],
            '保质期时长')
        with Transaction().set_context(language=LANG):
            self.assertEqual(
                gettext('stock_lot_sled.msg_move_lot_expired',
                    move='M1', lot='L1'),
                '库存移动“M1”的批次“L1”已过期，不能处理。')

    @with_transaction()
    def test_sale_and_party(self):
        "Sale and party strings are in Chinese"
        invoice_method = self._field('sale.sale', 'invoice_method')
        self.assertEqual(invoice_method['string'], '开票方式')
        self.assertEqual(
            self._field('party.address', 'street_name')['string'],
            '街道名称')
        # The official entry is fuzzy with the very same text, so the file
        # carries it as a retail_cloud translation instead of an override
        self.assertEqual(self._field('sale.sale', 'state')['string'], '状态')
        # help_selection strings share their msgctxt, so they can not be
        # overridden and are carried as retail_cloud translations too
        Translation = Pool().get('ir.translation')
        self.assertEqual(
            Translation.get_source('stock.location,type', 'help', LANG,
                'Used to physically store goods.'),
            '用于实际存放货物。')
        # English is left untouched
        self.assertEqual(
            self._field('sale.sale', 'invoice_method', 'en')['string'],
            'Invoice Method')

    @with_transaction()
    def test_store_menus_in_chinese(self):
        "The menus a store user sees are in Chinese"
        pool = Pool()
        ModelData = pool.get('ir.model.data')
        Menu = pool.get('ir.ui.menu')
        menus = {d.db_id: '%s.%s' % (d.module, d.fs_id)
            for d in ModelData.search([
                    ('model', '=', 'ir.ui.menu'),
                    ('module', 'in', STORE_MENU_MODULES),
                    ])}
        self.assertGreater(len(menus), 50)
        with Transaction().set_context(language='en'):
            english = {m['id']: m['name']
                for m in Menu.read(list(menus), ['name'])}
        with Transaction().set_context(language=LANG):
            chinese = {m['id']: m['name']
                for m in Menu.read(list(menus), ['name'])}
        offenders = sorted(
            (menus[id_], english[id_]) for id_ in menus
            if chinese[id_] == english[id_]
            and english[id_] not in MENU_NAMES_KEPT)
        self.assertEqual(offenders, [],
            msg='menus still in English in %s: %s' % (LANG, offenders))
        # the top-level menu whose official msgstr is the English text
        self.assertEqual(chinese[ModelData.get_id('sale', 'menu_sale')], '销售')

    @with_transaction()
    def test_all_entries_loaded(self):
        "Every entry of the override file is active in the database"
        pool = Pool()
        Translation = pool.get('ir.translation')
        ModelData = pool.get('ir.model.data')

        rows = {}
        for t in Translation.search([('lang', '=', LANG)]):
            key = (t.module, t.type, t.name, t.res_id)
            if t.type in SRC_TYPES or t.res_id == -1 and t.type != 'model':
                key += (t.src,)
            rows.setdefault(key, []).append(t)

        errors = []
        po = polib.pofile(OVERRIDE_PO)
        self.assertGreater(len(po), 1000)
        for entry in po:
            ttype, name, res = entry.msgctxt.split(':')
            if '.' in res:
                module, fs_id = res.split('.')
            else:
                module, fs_id = 'retail_cloud', res
            res_id = ModelData.get_id(module, fs_id) if fs_id else -1
            key = (module, ttype, name, res_id)
            if ttype in SRC_TYPES or res_id == -1 and ttype != 'model':
                key += (entry.msgid,)
            value = (entry.msgstr_plural[0] if entry.msgid_plural
                else entry.msgstr)
            found = rows.get(key, [])
            if (len(found) != 1
                    or found[0].value != value
                    or found[0].fuzzy):
                errors.append((entry.msgctxt, entry.msgid,
                        [(t.value, t.fuzzy) for t in found]))
        self.assertEqual(errors, [])
