import { mount } from 'svelte';
import App from './App.svelte';
import ClassroomApp from './classroom/ClassroomApp.svelte';
import './app.css';

// `parley classroom` serves the same app at /classroom: the students' and facilitator's screens.
const Root = location.pathname === '/classroom' ? ClassroomApp : App;
mount(Root, { target: document.getElementById('app')! });
