import '../shared/screens/screens.css';
