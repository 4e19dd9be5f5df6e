import './components/admin-app.ts';
import { sessionTokenStore } from './session.ts';

const app = document.createElement('admin-app');
app.store = sessionTokenStore(window.sessionStorage);
document.body.append(app);
