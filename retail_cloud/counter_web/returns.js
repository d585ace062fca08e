/* This file is part of Retail Cloud.  The COPYRIGHT file at the top level of
   this repository contains the full copyright notices and license terms.

   Returns at the counter (退货): the cashier types or scans the receipt
   number, the screen shows what of each line can still be returned, the
   cashier chooses the quantities and the server takes the goods back into
   their lots and pays back the methods that paid.  Uses counter.js. */
'use strict';

Object.assign(T, {
    returnTitle: '退货',
    returnHint: '扫描或输入小票单号',
    sold: '已售',
    returnable: '可退',
    returnQuantity: '退货数量',
    refundTotal: '应退',
    confirmReturn: '确认退货',
    nothingToReturn: '请选择退货数量',
    refundTitle: '退货小票',
});

const returns = {
    sale: null,     // the sale found by its number, as the server gives it
    key: null,      // the refund's key: the same through every attempt
};

function openReturn() {
    returns.sale = null;
    $('return-number').value = '';
    $('return-error').textContent = '';
    renderReturn();
    $('return-dialog').hidden = false;
    closeResults();
    $('return-number').focus();
}

function closeReturn() {
    $('return-dialog').hidden = true;
    focusScan();
}

async function findReturn(event) {
    event.preventDefault();
    const number = $('return-number').value.trim();
    $('return-error').textContent = '';
    if (!number) {
        return;
    }
    try {
        returns.sale = await rpc.model(
            'sale.point.sale', 'returnable', state.point.id, number);
        returns.key = randomKey();
    } catch (error) {
        returns.sale = null;
        $('return-error').textContent = error.message;
    }
    renderReturn();
}

function renderReturn() {
    const sale = returns.sale;
    $('return-sale').hidden = !sale;
    $('return-submit').disabled = !sale;
    if (!sale) {
        return;
    }
    $('return-sale-number').textContent = sale.number;
    $('return-sale-date').textContent = sale.date;
    $('return-sale-total').textContent = money(toUnits(sale.total, 2));
    $('return-sale-payments').textContent = sale.payments.map(
        p => `${p.method} ${money(toUnits(p.amount, 2))}`).join('  ');
    const body = $('return-lines');
    body.replaceChildren();
    for (const line of sale.lines) {
        const input = document.createElement('input');
        input.type = 'number';
        input.className = 'return-qty';
        input.min = 0;
        input.max = line.returnable;
        input.step = 1;
        input.value = 0;
        input.dataset.line = line.id;
        input.disabled = !line.returnable;
        input.addEventListener('input', () => {
            // Other quantities are another refund
            returns.key = randomKey();
            renderReturnTotal();
        });
        const row = document.createElement('tr');
        const price = money(roundHalfEven(toUnits(line.unit_price, 4), 100));
        for (const [content, className] of [
                [line.product, 'name'], [price, 'num'],
                [line.quantity, 'num'], [line.returnable, 'num returnable'],
                [input, 'num']]) {
            const cell = document.createElement('td');
            cell.className = className;
            cell.append(content);
            row.append(cell);
        }
        body.append(row);
    }
    renderReturnTotal();
}

// The lines and quantities chosen: [{line, quantity}] of the sale's lines
function returnChoice() {
    return returns.sale.lines.map(line => {
        const input = $('return-lines').querySelector(
            `input[data-line="${line.id}"]`);
        const quantity = Math.min(
            Math.max(parseInt(input.value, 10) || 0, 0), line.returnable);
        return {line, quantity};
    }).filter(choice => choice.quantity > 0);
}

function renderReturnTotal() {
    const total = returnChoice().reduce((sum, {line, quantity}) =>
        sum + lineCents(toUnits(line.unit_price, 4), quantity), 0);
    $('return-total').textContent = money(total);
}

async function submitReturn() {
    const choice = returnChoice();
    $('return-error').textContent = '';
    if (!choice.length) {
        $('return-error').textContent = t('nothingToReturn');
        return;
    }
    const sale = returns.sale;
    $('return-submit').disabled = true;
    try {
        // Sent again after a lost answer, the same key refunds once
        const receipt = await rpc.model('sale.point.sale', 'refund',
            state.point.id, {
                key: returns.key, sale: sale.number,
                lines: choice.map(({line, quantity}) => ({
                    line: line.id, quantity})),
            });
        $('return-dialog').hidden = true;
        showReceipt(refundSlip(sale, choice, receipt), receipt);
    } catch (error) {
        if (error instanceof SessionError) {
            signOut();
        }
        $('return-error').textContent = error instanceof NetworkError ?
            t('offline') : error.message;
        $('return-submit').disabled = false;
    }
}

// What the refund receipt shows besides the server's answer
function refundSlip(sale, choice, receipt) {
    return {
        title: t('refundTitle'), original: sale.number,
        store: state.point.store, till: state.point.name,
        cashier: state.user.name, date: new Date().toISOString(),
        lines: choice.map(({line, quantity}) => ({
            name: line.product, quantity: -quantity, discount: 0,
            price: roundHalfEven(toUnits(line.unit_price, 4), 100),
            amount: -lineCents(toUnits(line.unit_price, 4), quantity),
        })),
        payments: receipt.payments.map(p => ({
            name: p.method, cents: toUnits(p.amount, 2)})),
    };
}

Object.assign(ACTIONS, {
    'open-return': openReturn,
    'close-return': closeReturn,
    'submit-return': submitReturn,
});

document.addEventListener('DOMContentLoaded', () => {
    $('return-form').addEventListener('submit', findReturn);
});
