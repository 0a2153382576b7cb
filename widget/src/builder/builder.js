console.log('builder')
