// Renderer entry: styles, the API client for this window, Pinia, Vuetify, then the app.
import '@mdi/font/css/materialdesignicons.css';
import 'vuetify/styles';
import './styles/app.css';
import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { createVirtlabVuetify } from './plugins/vuetify.ts';
import { installMenuFocusReturn } from './plugins/menuFocusReturn.ts';
import { loadThemePreference } from './composables/useThemePreference.ts';
import { createApi } from './api/createApi.ts';
import { installApi } from './api/apiInstance.ts';
import { startSession } from './stores/startSession.ts';

installApi(createApi());
const app = createApp(App);
app.use(createPinia());
app.use(createVirtlabVuetify(loadThemePreference()));
installMenuFocusReturn();
startSession();
app.mount('#app');
