import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Api } from './api/client';
import { App, preloadPage } from './App';
import { Providers } from './context';
import './styles.css';

const api = new Api();
void api.session.restore();
void preloadPage(window.location.pathname, window.location.search);

createRoot(document.getElementById('root') as HTMLElement).render(
  <StrictMode>
    <Providers api={api}>
      <App />
    </Providers>
  </StrictMode>,
);
