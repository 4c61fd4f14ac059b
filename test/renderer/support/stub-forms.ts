import type { FormComponents } from '$renderer/components/shell/form-components'
import StubNewConnectionForm from '../components/shell/stub-new-connection-form.svelte'
import StubResultForm from '../components/shell/stub-result-form.svelte'

export const STUB_FORMS: FormComponents = {
  ResultForm: StubResultForm,
  NewConnectionForm: StubNewConnectionForm
}
