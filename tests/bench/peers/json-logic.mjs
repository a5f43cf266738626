// The same rules as one json-logic-js expression that computes the verdict.
import jsonLogic from 'json-logic-js';
import { D2026 } from './requests.mjs';

const v = (name) => ({ var: name });
const eq = (name, value) => ({ '==': [v(name), value] });
const licensedNew = {
  and: [eq('condition', 'new'), { or: [{ '!=': [v('powertrain'), 'bev'] }, { '>=': [v('as_of'), D2026] }] }],
};

export const logic = {
  if: [
    {
      or: [
        { and: [licensedNew, { '!=': [v('role'), 'manufacturer'] }] },
        { and: [licensedNew, eq('role', 'manufacturer'), eq('listed', false)] },
        {
          and: [
            eq('condition', 'used'),
            {
              or: [
                { and: [{ '!=': [v('role'), 'used_car_exporter'] }, { '!=': [v('role'), 'manufacturer'] }] },
                { and: [eq('role', 'manufacturer'), { '===': [v('own_make'), false] }] },
                { '===': [v('registered_owner'), false] },
                { '===': [v('quality_report'), false] },
                {
                  and: [
                    { '>=': [v('as_of'), D2026] },
                    { '<=': [v('days_registered'), 180] },
                    { '===': [v('aftersales_confirmation'), false] },
                  ],
                },
              ],
            },
          ],
        },
      ],
    },
    'not_permitted',
    { and: [eq('condition', 'new'), eq('powertrain', 'bev'), { '<': [v('as_of'), D2026] }] },
    'permitted',
    'conditional',
  ],
};

export const verdict = (facts) => jsonLogic.apply(logic, facts);
