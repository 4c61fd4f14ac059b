import './zod-without-eval'
import './styles/app.css'
import { mount } from 'svelte'
import { deskFromWindow } from '../../shared/bridge/window-desk'
import { DeskError } from '../../shared/errors'
import App from './app.svelte'
import { AppState } from './app-state.svelte'
import NewConnectionForm from './components/forms/new-connection/new-connection-form.svelte'
import ResultForm from './components/forms/result/result-form.svelte'
import { SiteRegistry } from './db/site-registry'
import { toDeskError } from '../../shared/errors'
import { reportPageErrors } from './state/report-page-errors'
import { emptyOutboxSummary, SupportState } from './state/support-state.svelte'

const target = document.getElementById('app')
if (!target) throw new DeskError('The page has no #app element to mount Connections Desk into')

function startDesk(into: HTMLElement): AppState {
  const desk = deskFromWindow()
  reportPageErrors(window, desk)
  const app = new AppState({ desk, registry: new SiteRegistry() })
  const support = new SupportState(desk, async () =>
    app.site ? app.site.repository.summary() : emptyOutboxSummary()
  )
  mount(App, {
    target: into,
    props: { app, forms: { ResultForm, NewConnectionForm }, support }
  })
  // Closing the window closes the site's database; its results are already committed.
  window.addEventListener('pagehide', () => {
    support.stop()
    app.stop()
  })
  void app.start()
  void support.start()
  return app
}

try {
  startDesk(target)
} catch (error) {
  // Without the bridge nothing works: say so in the window, and let the error be reported.
  const message = document.createElement('p')
  message.setAttribute('role', 'alert')
  message.textContent = toDeskError(error).message
  target.replaceChildren(message)
  throw error
}
