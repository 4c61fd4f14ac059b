import type { FormComponents } from '../../../../src/renderer/src/components/shell/form-components'
import StubNewConnectionForm from './stub-new-connection-form.svelte'
import StubResultForm from './stub-result-form.svelte'

export const STUB_FORMS: FormComponents = {
  ResultForm: StubResultForm,
  NewConnectionForm: StubNewConnectionForm
}
