// The same rules as one json-logic-js expression that computes the verdict.
import jsonLogic from 'json-logic-js';
import { D2026, DMODIFIED } from './requests.mjs';

const v = (name) => ({ var: name });
const eq = (name, value) => ({ '==': [v(name), value] });
const no = (name) => ({ '===': [v(name), false] });
const licensedNew = {
  and: [eq('condition', 'new'), { or: [{ '!=': [v('powertrain'), 'bev'] }, { '>=': [v('as_of'), D2026] }] }],
};
// 商产发〔2012〕318号: a qualified manufacturer or an exporter it authorised, on the list; 2007年第59号
// exempts project contracting.
const qualification = {
  and: [
    licensedNew,
    { '!=': [v('trade_mode'), 'project_contracting'] },
    {
      or: [
        { in: [v('role'), ['trader', 'used_car_exporter']] },
        no('listed'),
        {
          and: [
            eq('role', 'authorized_exporter'),
            {
              or: [
                { '!=': [v('authorization_brand'), v('make')] },
                { '<': [v('as_of'), v('authorization_from')] },
                { '>': [v('as_of'), v('authorization_until')] },
              ],
            },
          ],
        },
      ],
    },
  ],
};
const used = {
  and: [
    eq('condition', 'used'),
    {
      or: [
        { and: [{ '!=': [v('role'), 'used_car_exporter'] }, { '!=': [v('role'), 'manufacturer'] }] },
        { and: [eq('role', 'manufacturer'), no('own_make')] },
        no('registered_owner'),
        no('quality_report'),
        { and: [{ '>=': [v('as_of'), D2026] }, { '<=': [v('days_registered'), 180] }, no('aftersales_confirmation')] },
      ],
    },
  ],
};
const modified = {
  and: [
    { '>=': [v('as_of'), DMODIFIED] },
    { '===': [v('modified'), true] },
    { or: [no('ccc'), no('miit_catalogue')] },
    { or: [licensedNew, eq('condition', 'used')] },
  ],
};

export const logic = {
  if: [
    { or: [qualification, used, modified] },
    'not_permitted',
    { and: [eq('condition', 'new'), eq('powertrain', 'bev'), { '<': [v('as_of'), D2026] }] },
    'permitted',
    'conditional',
  ],
};

export const verdict = (facts) => jsonLogic.apply(logic, facts);
