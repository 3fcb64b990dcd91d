// Loaded from web/base.html as <script type="module">. The Content Security Policy
// forbids inline scripts, so the class GOV.UK Frontend's page template adds inline
// lives here. Only browsers that run ES modules get it, which is what
// "govuk-frontend-supported" means.
import { initAll } from '../govuk/govuk-frontend.min.js'

document.body.className += ' js-enabled govuk-frontend-supported'
initAll()
