import { StaffApp } from './staff-app.js';
// After the app: the shared styles come last in the cascade, as they always have.
import { mount } from './mount.js';

// Staff entry. Respondents get their own, much lighter entry: respond.html (/r).
mount(<StaffApp />);
