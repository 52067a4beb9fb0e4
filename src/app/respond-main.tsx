import { RespondentApp } from './respondent-app.js';
// After the app: the shared styles come last in the cascade, after respond.css, as they always have.
import { mount } from './mount.js';

// The respondent's own entry, built separately (vite.respondent.config.ts) so a phone never
// downloads the router, Firebase or any staff code.
mount(<RespondentApp />);
