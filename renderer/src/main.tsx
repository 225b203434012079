import '@fontsource-variable/inter';
import './styles/theme.css';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/header.css';
import './styles/sidebar.css';
import './styles/workspace.css';
import './styles/sound.css';
import './styles/models.css';
import './styles/inspector.css';
import './styles/job-tray.css';
import './styles/dialog.css';
import './styles/toasts.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createStudioClient } from './api/create-studio-client.js';
import { MissingTokenPage } from './missing-token-page.js';
import { ClientProvider } from './state/client-context.js';
import { NotificationsProvider } from './state/notifications.js';
import { Studio } from './studio.js';

// The cached theme is already applied: public/boot-theme.js runs before the first paint.

const root = document.getElementById('root');
if (!root) throw new Error('index.html lost its #root element.');

const start = createStudioClient();

createRoot(root).render(
  <StrictMode>
    {start.ok ? (
      <ClientProvider client={start.client}>
        <NotificationsProvider>
          <Studio />
        </NotificationsProvider>
      </ClientProvider>
    ) : (
      <MissingTokenPage />
    )}
  </StrictMode>,
);
