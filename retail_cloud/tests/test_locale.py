# This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
# this repository contains the full copyright notices and license terms.
"""Check that locale/zh_CN.po translates every string of retail_cloud into
Simplified Chinese and that the module loads it."""
import os
import re
import unittest
from collections import Counter

import polib

from trytond.i18n import gettext
from trytond.pool import Pool
from trytond.tests.test_tryton import (
    activate_module, drop_db, with_transaction)
from trytond.transaction import Transaction

MODULE = 'retail_cloud'
LANG = 'zh_CN'
LOCALE_DIR = os.path.join(os.path.dirname(os.path.dirname(__file__)), 'locale')
PO = os.path.join(LOCALE_DIR, LANG + '.po')
OVERRIDE_PO = os.path.join(LOCALE_DIR, 'override', LANG + '.po')
PLACEHOLDER = re.compile(r'%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[sdifr%]')


def _key(entry):
    return (entry.msgctxt, entry.msgid)


def _msgstrs(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[i]
            for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


class RetailCloudLocaleFileTestCase(unittest.TestCase):
    "Test the retail_cloud zh_CN.po file itself"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(PO)

    def test_entries_translated(self):
        "Every entry has a non-fuzzy, non-empty translation"
        errors = []
        for entry in self.po:
            if entry.obsolete:
                errors.append(('obsolete', entry.msgctxt, entry.msgid))
            if 'fuzzy' in entry.flags:
                errors.append(('fuzzy', entry.msgctxt, entry.msgid))
            if not all(s.strip() for s in _msgstrs(entry)):
                errors.append(('empty', entry.msgctxt, entry.msgid))
        self.assertEqual(errors, [])
        self.assertGreater(len(self.po), 0)

    def test_placeholders(self):
        "Translations keep the placeholders of their source"
        errors = []
        for entry in self.po:
            expected = Counter(PLACEHOLDER.findall(entry.msgid))
            for msgstr in _msgstrs(entry):
                found = Counter(PLACEHOLDER.findall(msgstr))
                if found != expected:
                    errors.append((entry.msgctxt, entry.msgid, msgstr))
        self.assertEqual(errors, [])

    def test_no_duplicate(self):
        "No entry is repeated here or in the override file"
        keys = Counter(_key(e) for e in self.po)
        self.assertEqual([k for k, n in keys.items() if n > 1], [])
        override = {_key(e) for e in polib.pofile(OVERRIDE_PO)}
        self.assertEqual(sorted(set(keys) & override), [])


class RetailCloudLocaleTestCase(unittest.TestCase):
    "Test that zh_CN.po covers retail_cloud and is loaded"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        drop_db()
        # zh_CN is translatable before retail_cloud is activated, so the
        # activation loads locale/zh_CN.po (same database as test_translation)
        activate_module([MODULE], lang=LANG)
        cls.po = polib.pofile(PO)

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        drop_db()

    def _export_sources(self):
        "Tryton's export of the module's current source strings"
        pool = Pool()
        View = pool.get('ir.ui.view')
        Report = pool.get('ir.action.report')
        Translation = pool.get('ir.translation')
        TranslationSet = pool.get('ir.translation.set', type='wizard')

        # ir.translation.set registers the strings of the views and reports
        # (the others are registered when the module is activated).
        # transition_set_ refuses a database whose default language is not
        # English, so its two steps are run for the module's records only.
        for Model, set_ in [(View, 'set_view'), (Report, 'set_report')]:
            records = Model.search([('module', '=', MODULE)])
            with Transaction().set_context(
                    active_model=Model.__name__,
                    active_ids=[r.id for r in records],
                    active_id=None):
                session_id, _, _ = TranslationSet.create()
                getattr(TranslationSet(session_id), set_)()
                TranslationSet.delete(session_id)

        content = Translation.translation_export('en', MODULE)
        return polib.pofile(content.decode('utf-8'))

    @with_transaction()
    def test_complete(self):
        "Every source string of the module has a zh_CN translation"
        sources = self._export_sources()
        self.assertGreater(len(sources), 0)
        translated = {_key(e) for e in self.po}
        missing = sorted({_key(e) for e in sources} - translated)
        self.assertFalse(missing,
            msg="%d string(s) of %s missing from %s:\n%s" % (
                len(missing), MODULE, os.path.relpath(PO),
                '\n'.join('msgctxt %r msgid %r' % k for k in missing)))
        obsolete = sorted(translated - {_key(e) for e in sources})
        self.assertFalse(obsolete,
            msg="%d entry(ies) of %s are no longer in %s:\n%s" % (
                len(obsolete), os.path.relpath(PO), MODULE,
                '\n'.join('msgctxt %r msgid %r' % k for k in obsolete)))

    @with_transaction()
    def test_loaded(self):
        "The activation loaded every entry of zh_CN.po"
        pool = Pool()
        Translation = pool.get('ir.translation')
        content = Translation.translation_export(LANG, MODULE)
        self.assertTrue(content)
        loaded = {_key(e): e for e in polib.pofile(content.decode('utf-8'))}
        errors = []
        for entry in self.po:
            found = loaded.get(_key(entry))
            if (found is None or _msgstrs(found) != _msgstrs(entry)
                    or 'fuzzy' in found.flags):
                errors.append((entry.msgctxt, entry.msgid,
                        found and _msgstrs(found)))
        self.assertEqual(errors, [])

    def _field(self, model, field, language=LANG):
        with Transaction().set_context(language=language):
            return Pool().get(model).fields_get([field])[field]

    @with_transaction()
    def test_screens_in_chinese(self):
        "Fields, selections, models, menus and messages show in Chinese"
        pool = Pool()
        Model = pool.get('ir.model')
        Menu = pool.get('ir.ui.menu')
        ModelData = pool.get('ir.model.data')

        self.assertEqual(
            self._field('retail.store', 'warehouse')['string'], '仓库')
        self.assertEqual(
            self._field('retail.store', 'warehouse', 'en')['string'],
            'Warehouse')
        self.assertEqual(
            self._field('retail.channel', 'warehouse')['string'], '履约仓库')
        self.assertEqual(
            self._field('product.template', 'pao')['string'],
            '开封后使用期限')
        self.assertEqual(
            self._field('sale.sale', 'store')['string'], '门店')
        channel_type = dict(
            self._field('retail.channel', 'type')['selection'])
        self.assertEqual(channel_type.get('tmall'), '天猫/淘宝')
        self.assertEqual(channel_type.get('douyin'), '抖音')
        store_state = dict(self._field('retail.store', 'state')['selection'])
        self.assertEqual(store_state.get('open'), '营业中')

        with Transaction().set_context(language=LANG):
            model, = Model.search([('name', '=', 'retail.store')])
            self.assertEqual(Model(model.id).string, '零售门店')
            menu = Menu(ModelData.get_id(MODULE, 'menu_retail'))
            self.assertEqual(menu.name, '零售')
            self.assertEqual(
                gettext('%s.msg_store_closed' % MODULE, store='S01'),
                '门店“S01”已关店，不能销售。')
