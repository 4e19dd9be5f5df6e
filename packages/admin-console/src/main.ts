import './components/admin-app.ts';
import { initialLanguage, savedLanguage, useLanguage } from './i18n/localization.ts';
import { sessionTokenStore } from './session.ts';

void useLanguage(initialLanguage(savedLanguage(), navigator.languages), false);
const app = document.createElement('admin-app');
app.store = sessionTokenStore(window.sessionStorage);
document.body.append(app);
